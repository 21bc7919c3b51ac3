import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ArgumentError, F, Linear, Module, ReLU, Sequential, Sigmoid, Tanh, seed, uniformArray } from "../src";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const lectureDnn = () => new Sequential(new Linear(2, 32), new ReLU(), new Linear(32, 8), new ReLU(), new Linear(8, 1));

class DNN extends Module {
  readonly layers = this.addModule("layers", new Sequential(new Linear(1, 32), new ReLU(), new Linear(32, 8), new ReLU(), new Linear(8, 1)));
  forward(x: tf.Tensor): tf.Tensor {
    return this.layers.forward(x);
  }
}

describe("Linear", () => {
  it("draws weight then bias from the seeded generator, uniform in ±1/sqrt(in), PyTorch's layout", () => {
    seed(5);
    const layer = new Linear(4, 3);
    seed(5);
    const weight = uniformArray(12, 0.5);
    const bias = uniformArray(3, 0.5);
    expect(layer.weight.shape).toEqual([3, 4]);
    expect(layer.bias!.shape).toEqual([3]);
    expect(Array.from(layer.weight.dataSync())).toEqual(Array.from(weight));
    expect(Array.from(layer.bias!.dataSync())).toEqual(Array.from(bias));
    seed(6);
    expect(Array.from(new Linear(4, 3).weight.dataSync())).not.toEqual(Array.from(weight));
  });

  it("computes x·Wᵀ + b for any number of leading dimensions", () => {
    const layer = new Linear(2, 3);
    const x = tf.tensor2d([[1, 2], [3, -1]]);
    const expected = tf.add(tf.matMul(x, tf.transpose(layer.weight)), layer.bias!);
    expect(Array.from(layer.forward(x).dataSync())).toEqual(Array.from(expected.dataSync()));
    expect(layer.forward(tf.tensor1d([1, 2])).shape).toEqual([3]);
    const batched = layer.forward(tf.stack([x, x, x]));
    expect(batched.shape).toEqual([3, 2, 3]);
    expect(Array.from(batched.dataSync()).slice(6, 12)).toEqual(Array.from(expected.dataSync()));
  });

  it("without bias has only a weight and says so when printed", () => {
    const layer = new Linear(3, 2, false);
    expect(layer.namedParameters().map(([n]) => n)).toEqual(["weight"]);
    expect(layer.toString()).toBe("Linear(in_features=3, out_features=2, bias=False)");
  });

  it("names the layer, the expected size and the received shape on a wrong input", () => {
    const layer = new Linear(2, 32);
    expect(() => layer.forward(tf.zeros([32, 3]))).toThrow(ArgumentError);
    expect(() => layer.forward(tf.zeros([32, 3]))).toThrow(
      "Linear(in_features=2): expected input with last dimension 2, received a tensor of shape [32, 3]",
    );
    expect(() => layer.forward(tf.scalar(1))).toThrow("received a tensor of shape []");
    expect(() => new Linear(0, 3)).toThrow("inFeatures: expected a positive integer, received 0");
  });
});

describe("Sequential", () => {
  it("prints like PyTorch (the lecture's printouts)", () => {
    expect(lectureDnn().toString()).toBe(
      [
        "Sequential(",
        "  (0): Linear(in_features=2, out_features=32, bias=True)",
        "  (1): ReLU()",
        "  (2): Linear(in_features=32, out_features=8, bias=True)",
        "  (3): ReLU()",
        "  (4): Linear(in_features=8, out_features=1, bias=True)",
        ")",
      ].join("\n"),
    );
    expect(new DNN().toString()).toBe(
      [
        "DNN(",
        "  (layers): Sequential(",
        "    (0): Linear(in_features=1, out_features=32, bias=True)",
        "    (1): ReLU()",
        "    (2): Linear(in_features=32, out_features=8, bias=True)",
        "    (3): ReLU()",
        "    (4): Linear(in_features=8, out_features=1, bias=True)",
        "  )",
        ")",
      ].join("\n"),
    );
  });

  it("names parameters as PyTorch's state_dict does", () => {
    const shapes = lectureDnn().namedParameters().map(([n, p]) => [n, p.shape]);
    expect(shapes).toEqual([
      ["0.weight", [32, 2]], ["0.bias", [32]],
      ["2.weight", [8, 32]], ["2.bias", [8]],
      ["4.weight", [1, 8]], ["4.bias", [1]],
    ]);
    expect(new DNN().namedParameters()[0][0]).toBe("layers.0.weight");
    expect(lectureDnn().parameterCount()).toBe(2 * 32 + 32 + 32 * 8 + 8 + 8 + 1);
  });

  it("chains its layers and leaves only the output behind", () => {
    const model = lectureDnn();
    const x = tf.randomNormal([5, 2]);
    const before = tf.memory().numTensors;
    const y = model.forward(x);
    expect(tf.memory().numTensors).toBe(before + 1);
    const byHand = [0, 1, 2, 3, 4].reduce((h, i) => model.at(i).forward(h) as tf.Tensor, x);
    expect(Array.from(y.dataSync())).toEqual(Array.from(byHand.dataSync()));
    expect(y.shape).toEqual([5, 1]);
  });

  it("refuses something that is not a module instance", () => {
    expect(() => new Sequential(new Linear(1, 2), ReLU as unknown as Module)).toThrow("layers[1]: expected a module instance such as new ReLU()");
  });
});

describe("activations", () => {
  it("as modules and functions give tfjs's values", () => {
    const x = tf.tensor1d([-2, -0.5, 0, 0.5, 2]);
    const cases: [Module, (t: tf.Tensor) => tf.Tensor, number[]][] = [
      [new ReLU(), F.relu, [0, 0, 0, 0.5, 2]],
      [new Tanh(), F.tanh, [-2, -0.5, 0, 0.5, 2].map(Math.tanh)],
      [new Sigmoid(), F.sigmoid, [-2, -0.5, 0, 0.5, 2].map((v) => 1 / (1 + Math.exp(-v)))],
    ];
    for (const [module, fn, expected] of cases) {
      const fromModule = Array.from((module.forward(x) as tf.Tensor).dataSync());
      expect(fromModule).toEqual(Array.from(fn(x).dataSync()));
      fromModule.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    }
    expect(new Tanh().toString()).toBe("Tanh()");
  });
});

describe("mseLoss", () => {
  it("is the mean of squared differences", () => {
    const loss = F.mseLoss(tf.tensor2d([[1], [2], [4]]), tf.tensor2d([[0], [2], [1]]));
    expect(loss.dataSync()[0]).toBeCloseTo((1 + 0 + 9) / 3, 6);
  });

  it("refuses shapes that PyTorch would silently broadcast", () => {
    expect(() => F.mseLoss(tf.zeros([32, 1]), tf.zeros([32]))).toThrow(
      "target: expected the prediction's shape [32, 1], received a tensor of shape [32]",
    );
  });
});

describe("stateDict / loadStateDict", () => {
  it("copies the parameters and loads them back by name", () => {
    const model = lectureDnn();
    const state = model.stateDict();
    const before = Array.from(state["2.weight"].dataSync());
    model.at(2).parameters()[0].assign(tf.zerosLike(state["2.weight"]));
    expect(Array.from(state["2.weight"].dataSync())).toEqual(before);
    const other = lectureDnn();
    other.loadStateDict(state);
    for (const [name, p] of other.namedParameters()) expect(Array.from(p.dataSync())).toEqual(Array.from(state[name].dataSync()));
  });

  it("accepts nested number arrays, as a PyTorch state_dict converted to lists", () => {
    const layer = new Linear(2, 1);
    layer.loadStateDict({ weight: [[1, 2]], bias: [3] });
    expect(Array.from(layer.forward(tf.tensor2d([[1, 1]])).dataSync())).toEqual([6]);
  });

  it("refuses ragged rows, strings and nulls by key (tf.tensor would load them as garbage)", () => {
    const layer = new Linear(2, 1);
    for (const weight of [[[1, 2], [3]], [[1, "2"]], [[1, null]]]) {
      expect(() => layer.loadStateDict({ weight, bias: [0] } as never)).toThrow(
        'state["weight"]: expected a tensor or a rectangular nested array of numbers');
    }
    expect(() => layer.loadStateDict({ weight: [[1]], bias: [0] }, "weights")).toThrow('weights["weight"]: expected shape [1, 2], received a tensor of shape [1, 1]');
    layer.loadStateDict({ weight: [new Float32Array([1, 2])] as never, bias: new Float32Array([3]) });
    expect(Array.from(layer.forward(tf.tensor2d([[1, 1]])).dataSync())).toEqual([6]);
  });

  it("names missing and unexpected keys and wrong shapes, and changes nothing then", () => {
    const model = lectureDnn();
    const state = model.stateDict();
    const original = Array.from(model.parameters()[0].dataSync());
    const { ["4.bias"]: dropped, ...missing } = state;
    expect(dropped.shape).toEqual([1]);
    expect(() => model.loadStateDict(missing)).toThrow(/Missing: 4\.bias\./);
    expect(() => model.loadStateDict({ ...state, "5.weight": tf.zeros([1]) })).toThrow(/Unexpected: 5\.weight\./);
    const zeroed = { ...state, "0.weight": tf.zeros([32, 2]), "2.weight": tf.zeros([8, 31]) };
    expect(() => model.loadStateDict(zeroed)).toThrow('state["2.weight"]: expected shape [8, 32], received a tensor of shape [8, 31]');
    expect(Array.from(model.parameters()[0].dataSync())).toEqual(original);
  });
});
