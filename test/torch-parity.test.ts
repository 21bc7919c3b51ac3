import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BackendName, useDevice } from "../src/device";
import { ArgumentError } from "../src/errors";
import { GRU, LSTM, RNN, RNNOptions } from "../src/nn/rnn";
import { setRecurrentKernel } from "../src/nn/recurrent";
import { fromTorchStateDict } from "../src/nn/torch";

// Made by scripts/torch/make_recurrent_fixtures.py (PyTorch, batch_first=True).
interface Case {
  name: string;
  module: "RNN" | "LSTM" | "GRU";
  options: RNNOptions;
  state_dict: Record<string, number[] | number[][]>;
  x: number[][][];
  h0: number[][][];
  c0?: number[][][];
  loss_weights: { output: number[][][]; h: number[][][]; c?: number[][][] };
  expected: { output: number[][][]; h_n: number[][][]; c_n?: number[][][]; loss: number; grads: Record<string, unknown> };
}
const fixturePath = join(__dirname, "fixtures", "torch-recurrent.json");
const cases: Case[] = JSON.parse(readFileSync(fixturePath, "utf8")).cases;
const modules = { RNN, LSTM, GRU };

// The cpu backend, or the one COURSE_BACKEND names: `COURSE_BACKEND=webgpu npx vitest run test/torch-parity.test.ts`
// checks the WebGPU kernel (npm run test:webgpu does). Each backend checks the kernels that run there.
const backend = (process.env.COURSE_BACKEND || "cpu") as BackendName;
const kernels = backend === "webgpu" ? ["webgpu", "fast"] : ["fast", "readable"];

beforeAll(async () => {
  await useDevice(backend);
});

/**
 * Within 2e-5 on the CPU; on a GPU, whose arithmetic (fused multiply-adds, its own exp and tanh) rounds
 * differently from PyTorch's CPU, within 1e-4 relative to the tensor's largest reference value (1e-6 at
 * least, for a gradient that is exactly zero).
 */
function expectClose(actual: tf.Tensor, expected: unknown, tolerance = 2e-5) {
  const reference = tf.tensor(expected as number[]);
  expect(actual.shape).toEqual(reference.shape);
  const worst = tf.max(tf.abs(tf.sub(actual, reference))).dataSync()[0];
  const limit = backend === "webgpu" ? 1e-4 * tf.max(tf.abs(reference)).dataSync()[0] + 1e-6 : tolerance;
  expect(worst).toBeLessThanOrEqual(limit);
}

describe.each(cases.map((c) => [c.name, c] as const))("PyTorch parity: %s", (_, c) => {
  const make = () => fromTorchStateDict(new modules[c.module](c.options), c.state_dict);

  it("has PyTorch's parameter names, order and shapes", () => {
    const names = make().namedParameters().map(([name, p]) => [name, p.shape]);
    const torchNames = Object.entries(c.state_dict).map(([name, v]) => [name, tf.tensor(v).shape]);
    expect(names).toEqual(torchNames);
  });

  it.each(kernels)(`%s kernel on ${backend}: gives PyTorch's output, h_n, c_n and gradients for every parameter, the input, h0 and c0`, (kernel) => {
    setRecurrentKernel(kernel);
    const model = make();
    const x = tf.variable(tf.tensor3d(c.x));
    const h0 = tf.variable(tf.tensor3d(c.h0));
    const c0 = c.c0 ? tf.variable(tf.tensor3d(c.c0)) : undefined;
    let result: { output: tf.Tensor; h: tf.Tensor; c?: tf.Tensor } | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const r = model.forward(x, h0, c0);
      result = { output: tf.keep(r.output), h: tf.keep(r.h), c: r.c && tf.keep(r.c) };
      const terms = [tf.sum(tf.mul(r.output, c.loss_weights.output)), tf.sum(tf.mul(r.h, c.loss_weights.h))];
      if (r.c) terms.push(tf.sum(tf.mul(r.c, c.loss_weights.c as number[][][])));
      return tf.addN(terms) as tf.Scalar;
    }, [...model.parameters(), x, h0, ...(c0 ? [c0] : [])]);
    const r = result as NonNullable<typeof result>;
    expectClose(r.output, c.expected.output);
    expectClose(r.h, c.expected.h_n);
    if (c0) expectClose(r.c as tf.Tensor, c.expected.c_n);
    expect(value.dataSync()[0]).toBeCloseTo(c.expected.loss, 4);
    const byName: Record<string, tf.Variable> = { ...Object.fromEntries(model.namedParameters()), x, h0, ...(c0 ? { c0 } : {}) };
    expect(Object.keys(c.expected.grads).sort()).toEqual(Object.keys(byName).sort());
    for (const [name, expected] of Object.entries(c.expected.grads)) expectClose(grads[byName[name].name], expected);
  });
});

describe("fromTorchStateDict", () => {
  const lstm = cases.find((c) => c.name === "lstm_2") as Case;

  it("accepts the JSON text as well as the parsed object", () => {
    const fromText = fromTorchStateDict(new LSTM(lstm.options), JSON.stringify(lstm.state_dict));
    expectClose(fromText.namedParameters()[5][1], lstm.state_dict.weight_hh_l1, 0);
  });

  it("names missing keys", () => {
    const { weight_hh_l1: _, ...partial } = lstm.state_dict;
    expect(() => fromTorchStateDict(new LSTM(lstm.options), partial)).toThrow(ArgumentError);
    expect(() => fromTorchStateDict(new LSTM(lstm.options), partial)).toThrow("Missing: weight_hh_l1");
  });

  it("names unexpected keys (e.g. a one-layer model given a two-layer state dict)", () => {
    const oneLayer = new LSTM({ ...lstm.options, numLayers: 1 });
    expect(() => fromTorchStateDict(oneLayer, lstm.state_dict)).toThrow(
      "Unexpected: weight_ih_l1, weight_hh_l1, bias_ih_l1, bias_hh_l1");
  });

  it("reports a hidden-size mismatch with the key, both shapes and both hidden sizes, and changes nothing", () => {
    const wider = new LSTM({ ...lstm.options, hiddenSize: 6 });
    const before = wider.parameters().map((p) => p.dataSync().slice());
    expect(() => fromTorchStateDict(wider, lstm.state_dict)).toThrow(
      'stateDict["weight_hh_l0"]: expected shape [24, 6], received a tensor of shape [16, 4]. ' +
        "The state dict was saved from a model with hidden_size=4, this one has hidden_size=6");
    expect(wider.parameters().map((p) => p.dataSync())).toEqual(before);
  });

  it("reports an input-size mismatch with the key and both shapes", () => {
    const narrower = new LSTM({ ...lstm.options, inputSize: 2 });
    expect(() => fromTorchStateDict(narrower, lstm.state_dict)).toThrow(
      'stateDict["weight_ih_l0"]: expected shape [16, 2], received a tensor of shape [16, 3]');
  });

  it("says when a state dict was saved with bias=False for layers with biases, and the other way round", () => {
    const noBias = cases.find((c) => c.name === "lstm_2_no_bias") as Case;
    expect(() => fromTorchStateDict(new LSTM(lstm.options), noBias.state_dict)).toThrow(
      "stateDict: expected the recurrent biases of LSTM (bias_ih_l0, bias_hh_l0, bias_ih_l1, bias_hh_l1), received an object with " +
        "keys {weight_ih_l0, weight_hh_l0, weight_ih_l1, weight_hh_l1}. It was saved from layers made with bias=False: make these with bias: false too");
    expect(() => fromTorchStateDict(new LSTM(noBias.options), lstm.state_dict)).toThrow(
      /^stateDict: expected no recurrent biases \(LSTM's layers are made with bias: false\), received .*It holds bias_ih_l0, bias_hh_l0, bias_ih_l1, bias_hh_l1/);
  });

  it("rejects values that are not rectangular arrays of numbers", () => {
    const broken = { ...lstm.state_dict, bias_ih_l0: [1, "2"] };
    expect(() => fromTorchStateDict(new LSTM(lstm.options), broken as never)).toThrow('stateDict["bias_ih_l0"]');
  });

  it("changes nothing when only the last parameter is wrong", () => {
    const model = new LSTM(lstm.options);
    const before = model.parameters().map((p) => p.dataSync().slice());
    const ragged = (lstm.state_dict.weight_hh_l1 as number[][]).map((row, i) => (i === 1 ? row.slice(1) : row));
    const shortBias = lstm.state_dict.bias_hh_l1.slice(1);
    expect(() => fromTorchStateDict(model, { ...lstm.state_dict, weight_hh_l1: ragged })).toThrow(
      'stateDict["weight_hh_l1"]: expected a tensor or a rectangular nested array of numbers');
    expect(() => fromTorchStateDict(model, { ...lstm.state_dict, bias_hh_l1: shortBias })).toThrow(
      'stateDict["bias_hh_l1"]: expected shape [16], received a tensor of shape [15]');
    expect(model.parameters().map((p) => p.dataSync())).toEqual(before);
  });
});
