import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { MLPRNN, runMLPRNN, seed, trainMLPRNN } from "../src";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const sine = (n: number) => Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * i) / 50));

describe("MLPRNN", () => {
  it("is the lecture's MLP taking (x_t, h_t) and returning (y_t, h_t+1)", () => {
    const model = new MLPRNN(3);
    expect(model.toString()).toBe(
      [
        "MLPRNN(",
        "  (layers): Sequential(",
        "    (0): Linear(in_features=4, out_features=32, bias=True)",
        "    (1): ReLU()",
        "    (2): Linear(in_features=32, out_features=8, bias=True)",
        "    (3): ReLU()",
        "    (4): Linear(in_features=8, out_features=4, bias=True)",
        "  )",
        ")",
      ].join("\n"),
    );
    const [y, h] = model.forward(tf.ones([5, 1]), model.zeroMemory(5));
    expect([y.shape, h.shape]).toEqual([[5, 1], [5, 3]]);
    const whole = model.layers.forward(tf.concat([tf.ones([5, 1]), tf.zeros([5, 3])], 1));
    expect(Array.from(tf.concat([y, h], 1).dataSync())).toEqual(Array.from(whole.dataSync()));
  });

  it("refuses a memory of the wrong size", () => {
    const model = new MLPRNN(2);
    expect(() => model.forward(tf.ones([1, 1]), tf.zeros([1, 1]))).toThrow(
      "memory: expected a tensor of shape [1, 2] (batch, memory size), received a tensor of shape [1, 1]",
    );
    expect(() => new MLPRNN(0)).toThrow("memorySize: expected a positive integer, received 0");
  });

  it("runs along a series: predictions depend on the memory, and nothing is left behind", () => {
    seed(2);
    const model = new MLPRNN(1);
    const before = tf.memory().numTensors;
    const { predictions, memory } = runMLPRNN(model, [0, 0.5, 0]);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(predictions.shape).toEqual([3]);
    // Step 2 given the memory reached after step 1 equals what the whole run says for step 2.
    const [, h1] = model.forward(tf.tensor2d([[0]]), model.zeroMemory());
    const [y2] = model.forward(tf.tensor2d([[0.5]]), h1);
    expect(predictions.dataSync()[1]).toBeCloseTo(y2.dataSync()[0], 6);
    expect(memory.shape).toEqual([1, 1]);
  });

  it("learns the sine with backpropagation through time, and repeats itself after the same seed", async () => {
    const train = async () => {
      seed(12);
      const model = new MLPRNN(1);
      return trainMLPRNN(model, sine(101), { epochs: 8, lr: 0.01, updateEvery: 25, verbose: false });
    };
    const history = await train();
    expect(history.map((r) => r.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(history[7].loss).toBeLessThan(history[0].loss / 2);
    expect((await train()).map((r) => r.loss)).toEqual(history.map((r) => r.loss));
  });

  it("frees every tensor while training", async () => {
    const model = new MLPRNN(1);
    const before = tf.memory().numTensors;
    await trainMLPRNN(model, sine(30), { epochs: 2, updateEvery: 7, verbose: false });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("refuses bad training input", async () => {
    const model = new MLPRNN(1);
    await expect(trainMLPRNN(model, [1], { epochs: 1 })).rejects.toThrow("series: expected an array of at least 2 numbers");
    await expect(trainMLPRNN(model, sine(5), { epochs: 0 })).rejects.toThrow("epochs: expected a positive integer, received 0");
    await expect(trainMLPRNN(model, sine(5), { epochs: 1, updateEvery: 0 })).rejects.toThrow(/^updateEvery: expected a positive integer/);
    await expect(trainMLPRNN(model, [0, NaN, 1], { epochs: 1, verbose: false })).rejects.toThrow("loss at epoch 1, time steps 1-2: expected a finite number, received NaN");
  });
});
