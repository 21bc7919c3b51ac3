// Our modules against PyTorch 1.13: fixture written by scripts/torch/nn_parity.py.
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import fixture from "./fixtures/nn-parity.json";
import { F, Adam, Linear, MLPRNN, Module, ReLU, SGD, Sequential, clipGradNorm, runMLPRNN, trainMLPRNN } from "../src";

const TOLERANCE = 2e-5;
type Nested = number | Nested[];

function expectClose(actual: tf.Tensor | number, expected: Nested, tolerance = TOLERANCE): void {
  const got = typeof actual === "number" ? [actual] : Array.from(actual.dataSync());
  const want = [expected].flat(Infinity as 1) as number[];
  expect(got.length).toBe(want.length);
  const worst = Math.max(...got.map((g, i) => Math.abs(g - want[i])));
  expect(worst).toBeLessThan(tolerance);
}

function expectParameters(model: Module, expected: Record<string, Nested>): void {
  const named = model.namedParameters();
  expect(named.map(([n]) => n).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, value] of named) expectClose(value, expected[name]);
}

const dnn = () => new Sequential(new Linear(2, 32), new ReLU(), new Linear(32, 8), new ReLU(), new Linear(8, 1));

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("the lecture's DNN matches PyTorch", () => {
  const { x, y, state } = fixture.dnn;

  it("forward, MSE loss and gradients", () => {
    const model = dnn();
    model.loadStateDict(state);
    const [xs, ys] = [tf.tensor(x), tf.tensor(y)];
    expectClose(model.forward(xs), fixture.dnn.prediction);
    const { value, grads } = tf.variableGrads(() => F.mseLoss(model.forward(xs), ys), model.parameters());
    expectClose(value, fixture.dnn.loss);
    for (const [name, p] of model.namedParameters()) expectClose(grads[p.name], fixture.dnn.grads[name as keyof typeof fixture.dnn.grads]);

    const total = clipGradNorm(grads, fixture.dnn.clip.maxNorm);
    expect(total).toBeCloseTo(fixture.dnn.clip.totalNorm, 5);
    for (const [name, p] of model.namedParameters()) expectClose(grads[p.name], fixture.dnn.clip.grads[name as keyof typeof fixture.dnn.grads]);
  });

  const runs = [
    ["Adam", fixture.dnn.adam, (m: Module) => new Adam(m, { lr: fixture.dnn.adam.lr })],
    ["SGD with momentum", fixture.dnn.sgdMomentum, (m: Module) => new SGD(m, { lr: 0.1, momentum: 0.9 })],
    ["SGD with Nesterov momentum", fixture.dnn.sgdNesterov, (m: Module) => new SGD(m, { lr: 0.1, momentum: 0.9, nesterov: true })],
  ] as const;
  for (const [name, expected, make] of runs) {
    it(`${name}: losses and parameters after each of 3 steps`, () => {
      const model = dnn();
      model.loadStateDict(state);
      const optimizer = make(model);
      const [xs, ys] = [tf.tensor(x), tf.tensor(y)];
      expected.losses.forEach((loss, i) => {
        const value = tf.tidy(() => {
          const { value, grads } = tf.variableGrads(() => F.mseLoss(model.forward(xs), ys), optimizer.parameters);
          optimizer.step(grads);
          return value.dataSync()[0];
        });
        expect(value).toBeCloseTo(loss, 5);
        expectParameters(model, expected.params[i]);
      });
    });
  }
});

describe("the MLP-RNN matches PyTorch with backpropagation through time", () => {
  const { series, state } = fixture.mlpRnn;
  const inputs = series.slice(0, -1);
  const targets = series.slice(1);

  function model(): MLPRNN {
    const m = new MLPRNN(1);
    m.loadStateDict(state);
    return m;
  }

  it("loss over the unrolled series and its gradients", () => {
    const m = model();
    const { value, grads } = tf.variableGrads(() => F.mseLoss(runMLPRNN(m, inputs).predictions, tf.tensor1d(targets)), m.parameters());
    expectClose(value, fixture.mlpRnn.loss);
    for (const [name, p] of m.namedParameters()) expectClose(grads[p.name], fixture.mlpRnn.grads[name as keyof typeof fixture.mlpRnn.grads]);
  });

  it("one update per epoch (the lecture's way), 2 epochs", async () => {
    const m = model();
    await trainMLPRNN(m, series, { epochs: 2, lr: fixture.mlpRnn.adamLr, verbose: false });
    expectParameters(m, fixture.mlpRnn.afterTwoEpochs);
  });

  it("one update per 5 time steps, memory carried over without its gradient", async () => {
    const m = model();
    await trainMLPRNN(m, series, { epochs: 1, lr: fixture.mlpRnn.adamLr, updateEvery: 5, verbose: false });
    expectParameters(m, fixture.mlpRnn.afterOneEpochEvery5);
  });
});
