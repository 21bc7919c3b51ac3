import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { readableKernel } from "../src/nn/bptt";
import { ArgumentError } from "../src/errors";
import { GRU, LSTM, RNN, RecurrentModule } from "../src/nn/rnn";
import { Adam, Optimizer, SGD } from "../src/nn/optim";
import { truncatedBPTT } from "../src/training/truncated-bptt";
import { recurrentKernelName, registerRecurrentKernel, setRecurrentKernel } from "../src/nn/recurrent";
import { seed, uniformArray } from "../src/seed";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const makers: [string, () => RecurrentModule][] = [
  ["RNN tanh", () => new RNN({ inputSize: 3, hiddenSize: 5, numLayers: 2 })],
  ["RNN relu", () => new RNN({ inputSize: 3, hiddenSize: 5, numLayers: 2, nonlinearity: "relu" })],
  ["LSTM", () => new LSTM({ inputSize: 3, hiddenSize: 5, numLayers: 2 })],
  ["GRU", () => new GRU({ inputSize: 3, hiddenSize: 5, numLayers: 2 })],
];

function randomTensor(shape: number[]): tf.Tensor {
  return tf.tensor(uniformArray(shape.reduce((a, b) => a * b, 1), 1), shape);
}

describe.each(makers)("%s", (_, make) => {
  it("draws PyTorch's U(-1/√H, 1/√H) initialisation from the seed, repeatably", () => {
    seed(3);
    const first = make().parameters().map((p) => Array.from(p.dataSync()));
    seed(3);
    const again = make().parameters().map((p) => Array.from(p.dataSync()));
    seed(4);
    const other = make().parameters().map((p) => Array.from(p.dataSync()));
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const all = first.flat();
    expect(Math.max(...all.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(5));
    expect(Math.max(...all.map(Math.abs))).toBeGreaterThan(0.9 / Math.sqrt(5));
  });

  it("gives many-to-many output [B, T, H], final states [layers, B, H]; h_N is the output's last step", () => {
    seed(5);
    const model = make();
    const x = randomTensor([4, 7, 3]);
    const result = model.forward(x);
    expect(result.output.shape).toEqual([4, 7, 5]);
    expect(result.h.shape).toEqual([2, 4, 5]);
    expect(result.c?.shape).toEqual(model instanceof LSTM ? [2, 4, 5] : undefined);
    const [output, h] = result; // the PyTorch-style tuple view holds the same tensors
    expect([output, h]).toEqual([result.output, result.h]);
    const lastStep = result.output.slice([0, 6, 0], [4, 1, 5]).reshape([4, 5]); // many-to-one
    expect(Array.from(result.h.slice([1, 0, 0], [1, 4, 5]).dataSync())).toEqual(Array.from(lastStep.dataSync()));
  });

  it("continues from a given state exactly: 4 steps, then 3 more from (h, c), equals 7 steps", () => {
    seed(6);
    const model = make();
    const x = randomTensor([2, 7, 3]);
    const [h0, c0] = [randomTensor([2, 2, 5]), model instanceof LSTM ? randomTensor([2, 2, 5]) : undefined];
    const whole = model.forward(x, h0, c0);
    const first = model.forward(x.slice([0, 0, 0], [2, 4, 3]), h0, c0);
    const rest = model.forward(x.slice([0, 4, 0], [2, 3, 3]), first.h, first.c);
    const close = (a: tf.Tensor, b: tf.Tensor) => expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-6);
    close(whole.output, tf.concat([first.output, rest.output], 1));
    close(whole.h, rest.h);
    if (whole.c) close(whole.c, rest.c as tf.Tensor);
  });

  it("keeps ‖∂L/∂h_t‖ per layer and step from the last backward pass", () => {
    seed(8);
    const model = make();
    expect(model.hiddenGradNorms).toEqual([]);
    const x = randomTensor([2, 6, 3]);
    tf.variableGrads(() => tf.sum(model.forward(x).output) as tf.Scalar);
    expect(model.hiddenGradNorms.map((n) => n.length)).toEqual([6, 6]);
    // Loss on every step of the top layer: each of its steps gets a gradient of all ones from the output.
    expect(model.hiddenGradNorms[1][5]).toBeCloseTo(Math.sqrt(2 * 5), 5);
  });

  it("leaks no tensors across repeated forward + backward + update", () => {
    seed(9);
    const model = make();
    const x = randomTensor([3, 5, 3]);
    const optimizer = tf.train.sgd(0.01);
    const step = () => optimizer.minimize(() => tf.mean(tf.square(model.forward(x).output)) as tf.Scalar);
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.tidy(() => {
      model.forward(x);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("vanishing gradients", () => {
  it("a tanh RNN with small weights: ‖∂L/∂h_t‖ for a loss on the last step shrinks going back in time", () => {
    seed(10);
    const model = new RNN({ inputSize: 1, hiddenSize: 16 });
    const x = randomTensor([8, 30, 1]);
    tf.variableGrads(() => tf.sum(model.forward(x).output.slice([0, 29, 0], [8, 1, 16])) as tf.Scalar);
    const norms = model.hiddenGradNorms[0];
    expect(norms[29]).toBeCloseTo(Math.sqrt(8 * 16), 4);
    expect(norms[0]).toBeLessThan(1e-3 * norms[29]);
  });
});

describe("bad input", () => {
  const lstm = new LSTM({ inputSize: 1, hiddenSize: 4 });

  it("names the layer, the expected input shape and what it received", () => {
    expect(() => lstm.forward(tf.zeros([32, 50]))).toThrow(ArgumentError);
    expect(() => lstm.forward(tf.zeros([32, 50]))).toThrow(
      "LSTM(input_size=1): expected input [batch, time, 1] with batch, time >= 1, received a tensor of shape [32, 50]. " +
        "For one feature per step, reshape to [32, 50, 1]");
    expect(() => lstm.forward(tf.zeros([32, 50, 2]))).toThrow("received a tensor of shape [32, 50, 2]");
    expect(() => lstm.forward(tf.zeros([32, 0, 1]))).toThrow("received a tensor of shape [32, 0, 1]");
  });

  it("checks the initial state's shape, and refuses a cell state for RNN and GRU", () => {
    expect(() => lstm.forward(tf.zeros([2, 3, 1]), tf.zeros([2, 4]))).toThrow(
      "LSTM(input_size=1) h0: expected [num_layers, batch, hidden_size] = [1, 2, 4], received a tensor of shape [2, 4]");
    expect(() => lstm.forward(tf.zeros([2, 3, 1]), undefined, tf.zeros([1, 2, 5]))).toThrow("c0: expected");
    const gru = new GRU({ inputSize: 1, hiddenSize: 4 });
    expect(() => gru.forward(tf.zeros([2, 3, 1]), tf.zeros([1, 2, 4]), tf.zeros([1, 2, 4]))).toThrow(
      "GRU(input_size=1) c0: expected no cell state (only an LSTM has one)");
  });

  it("checks constructor options", () => {
    expect(() => new LSTM({ inputSize: 0, hiddenSize: 4 })).toThrow("LSTM inputSize: expected a positive integer, received 0");
    expect(() => new GRU({ inputSize: 1, hiddenSize: 2.5 })).toThrow("GRU hiddenSize: expected a positive integer, received 2.5");
    expect(() => new RNN({ inputSize: 1, hiddenSize: 2, nonlinearity: "sigmoid" as "tanh" })).toThrow(
      'RNN nonlinearity: expected "tanh" or "relu", received "sigmoid"');
  });

  it("prints like PyTorch", () => {
    expect(new LSTM({ inputSize: 1, hiddenSize: 32, numLayers: 2 }).toString()).toBe("LSTM(1, 32, num_layers=2)");
    expect(new RNN({ inputSize: 1, hiddenSize: 8, nonlinearity: "relu" }).toString()).toBe("RNN(1, 8, nonlinearity=relu)");
  });
});

describe("bias: false", () => {
  it("has no bias parameters, prints like PyTorch and gives what a layer with zero biases gives, on every kernel", () => {
    for (const [name, make] of [
      ["RNN", (bias: boolean) => new RNN({ inputSize: 2, hiddenSize: 3, bias })],
      ["LSTM", (bias: boolean) => new LSTM({ inputSize: 2, hiddenSize: 3, numLayers: 2, bias })],
      ["GRU", (bias: boolean) => new GRU({ inputSize: 2, hiddenSize: 3, bias })],
    ] as const) {
      seed(11);
      const layer = make(false);
      expect(layer.namedParameters().map(([n]) => n).every((n) => n.startsWith("weight_")), name).toBe(true);
      expect(layer.toString(), name).toMatch(/, bias=False\)$/);
      const zeroBiases = make(true);
      zeroBiases.loadStateDict(Object.fromEntries(zeroBiases.namedParameters().map(([n, p]) =>
        [n, n.startsWith("bias_") ? tf.zerosLike(p) : layer.namedParameters().find(([m]) => m === n)![1]])));
      const x = randomTensor([2, 4, 2]);
      for (const kernel of ["readable", "fast"]) {
        setRecurrentKernel(kernel);
        expect(Array.from(layer.forward(x).output.dataSync()), `${name}, ${kernel}`).toEqual(Array.from(zeroBiases.forward(x).output.dataSync()));
      }
      setRecurrentKernel("auto");
    }
  });

  it("trains its weights: every parameter gets a gradient, and no tensor is left behind", () => {
    seed(12);
    const gru = new GRU({ inputSize: 1, hiddenSize: 4, bias: false });
    const x = randomTensor([3, 5, 1]);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => tf.sum(gru.forward(x).output) as tf.Scalar, gru.parameters());
    expect(Object.keys(grads).length).toBe(2);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("truncated BPTT", () => {
  /** An optimizer that only records the gradients of each step, so the weights stay put. */
  class Recorder extends Optimizer {
    readonly steps: Map<string, Float32Array>[] = [];

    constructor(parameters: tf.Variable[]) {
      super(parameters);
    }

    override step(grads: tf.NamedTensorMap): void {
      this.steps.push(new Map(Object.entries(grads).map(([name, g]) => [name, g.dataSync().slice() as Float32Array])));
    }

    protected update(): void {}

    dispose(): void {}
  }

  it("gives each chunk the gradient of that chunk alone, started from the carried state as a constant", () => {
    seed(12);
    const model = new LSTM({ inputSize: 2, hiddenSize: 3 });
    const x = randomTensor([2, 7, 2]) as tf.Tensor3D;
    const loss = (output: tf.Tensor3D) => tf.sum(tf.square(output)) as tf.Scalar;
    const optimizer = new Recorder(model.parameters());
    const before = tf.memory().numTensors;
    const losses = truncatedBPTT(model, x, { chunkLength: 3, loss, optimizer });
    expect(tf.memory().numTensors).toBe(before);
    expect(losses.length).toBe(3); // steps 0-2, 3-5, 6

    // Reference for chunk 2: run chunk 1 without gradients, then differentiate chunk 2 from its end state.
    const firstChunk = model.forward(x.slice([0, 0, 0], [2, 3, 2]));
    const secondChunk = x.slice([0, 3, 0], [2, 3, 2]);
    const wIh = model.namedParameters()[0][1];
    const alone = tf.variableGrads(() => loss(model.forward(secondChunk, firstChunk.h, firstChunk.c).output), [wIh]);
    const fromTruncated = optimizer.steps[1].get(wIh.name) as Float32Array;
    expect(Array.from(fromTruncated)).toEqual(Array.from(alone.grads[wIh.name].dataSync()));
    expect(losses[1]).toBeCloseTo(alone.value.dataSync()[0], 5);

    // Full BPTT of the same loss lets the gradient reach into steps 0-2 as well, so it differs.
    const full = tf.variableGrads(() => loss(model.forward(x).output.slice([0, 3, 0], [2, 3, 3]) as tf.Tensor3D), [wIh]);
    const gap = tf.max(tf.abs(tf.sub(full.grads[wIh.name], alone.grads[wIh.name]))).dataSync()[0];
    expect(gap).toBeGreaterThan(1e-4);
  });

  it("trains: a few Adam steps over chunks lower the loss of predicting the next value of a sine", () => {
    seed(13);
    const model = new GRU({ inputSize: 1, hiddenSize: 8 });
    const head = tf.variable(tf.tensor2d(uniformArray(8, 0.3), [8, 1]));
    const series = Array.from({ length: 61 }, (_, t) => Math.sin((2 * Math.PI * t) / 20));
    const x = tf.tensor3d(series.slice(0, 60), [1, 60, 1]);
    const y = tf.tensor3d(series.slice(1), [1, 60, 1]);
    const loss = (output: tf.Tensor3D, start: number) => {
      const [B, steps, H] = output.shape;
      const prediction = tf.matMul(output.reshape([B * steps, H]), head).reshape([B, steps, 1]);
      return tf.losses.meanSquaredError(y.slice([0, start, 0], [B, steps, 1]), prediction) as tf.Scalar;
    };
    const optimizer = new Adam([...model.parameters(), head], { lr: 0.05 });
    const epochs = Array.from({ length: 15 }, () => truncatedBPTT(model, x as tf.Tensor3D, { chunkLength: 20, loss, optimizer }));
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(epochs[14])).toBeLessThan(0.3 * mean(epochs[0]));
  });

  it("rejects a chunk length that is not a positive integer, and an optimizer not the course's", () => {
    const model = new RNN({ inputSize: 1, hiddenSize: 2 });
    const loss = (o: tf.Tensor3D) => tf.sum(o) as tf.Scalar;
    const optimizer = new SGD(model, { lr: 0.1 });
    expect(() => truncatedBPTT(model, tf.zeros([1, 4, 1]), { chunkLength: 0, loss, optimizer })).toThrow(
      "chunkLength: expected a positive integer, received 0");
    expect(() => truncatedBPTT(model, tf.zeros([1, 4, 1]), { chunkLength: 2, loss, optimizer: tf.train.sgd(0.1) as never })).toThrow(
      /^optimizer: expected the course's optimizer, e\.g\. new Adam\(/);
  });

  it("stops at a NaN loss before that chunk's update, naming its steps, and frees what it made", () => {
    seed(14);
    const model = new LSTM({ inputSize: 1, hiddenSize: 2 });
    const x = randomTensor([1, 6, 1]) as tf.Tensor3D;
    const optimizer = new SGD(model, { lr: 0.1 });
    const loss = (output: tf.Tensor3D, start: number) => tf.mul(tf.sum(output), start === 2 ? NaN : 1) as tf.Scalar;
    const weights = () => model.parameters().flatMap((p) => Array.from(p.dataSync()));
    const first = weights();
    const before = tf.memory().numTensors;
    expect(() => truncatedBPTT(model, x, { chunkLength: 2, loss, optimizer })).toThrow(
      "loss at time steps 3-4: expected a finite number, received NaN. The update was skipped");
    expect(tf.memory().numTensors).toBe(before);
    expect(weights()).not.toEqual(first); // the first chunk's update was made...
    expect(weights().every(Number.isFinite)).toBe(true); // ...and the second's was not
  });
});

describe("kernel switch", () => {
  it("runs the fast kernel by default, a registered one on request, and switches back", () => {
    expect(recurrentKernelName()).toBe("fast");
    let calls = 0;
    registerRecurrentKernel("counting", { ...readableKernel, forward: (...args) => (calls++, readableKernel.forward(...args)) });
    expect(recurrentKernelName()).toBe("fast");
    setRecurrentKernel("counting");
    const model = new RNN({ inputSize: 1, hiddenSize: 2 });
    model.forward(tf.zeros([1, 3, 1]));
    expect(calls).toBe(1);
    setRecurrentKernel("readable");
    model.forward(tf.zeros([1, 3, 1]));
    expect(calls).toBe(1);
    expect(() => setRecurrentKernel("turbo")).toThrow(
      'setRecurrentKernel(name): expected one of auto, readable, fast, webgpu, counting, received "turbo"');
    setRecurrentKernel("auto");
    expect(recurrentKernelName()).toBe("fast");
  });

  it("runs recurrent layers where each backend keeps its tensors: the WebGPU kernel on webgpu, the WebAssembly one elsewhere", () => {
    expect(["cpu", "wasm", "tensorflow", "webgpu"].map((backend) => recurrentKernelName(backend))).toEqual(["fast", "fast", "fast", "webgpu"]);
    setRecurrentKernel("readable");
    expect(recurrentKernelName("webgpu")).toBe("readable");
    setRecurrentKernel("auto");
  });

  it("refuses a kernel that cannot run where the tensors are, and says how to get one that can", () => {
    setRecurrentKernel("webgpu");
    const model = new RNN({ inputSize: 1, hiddenSize: 2 });
    expect(() => model.forward(tf.zeros([1, 3, 1]))).toThrow(
      'setRecurrentKernel(name): expected a kernel that runs on the cpu backend, received "webgpu". ' +
        'The "webgpu" kernel runs only where its tensors live; setRecurrentKernel("auto") picks the one for cpu');
    setRecurrentKernel("auto");
  });
});
