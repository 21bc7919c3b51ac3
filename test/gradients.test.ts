import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { unrollCell } from "../src/nn/cells";
import { ArgumentError } from "../src/errors";
import { measureHiddenGradNorms, orthogonalMatrix, setSpectralRadius } from "../src/analysis/gradients";
import { LastStepRegressor } from "../src/nn/regressors";
import { LSTM, RNN, RecurrentModule } from "../src/nn/rnn";
import { seed, uniformArray } from "../src/seed";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const param = (m: RecurrentModule, name: string) => m.namedParameters().find(([n]) => n === name)![1];

describe("orthogonalMatrix", () => {
  it("gives QᵀQ = I, repeatably after the same seed", () => {
    seed(1);
    const q = orthogonalMatrix(6);
    const Q = tf.tensor2d(q, [6, 6]);
    const gram = tf.matMul(Q, Q, true, false).arraySync() as number[][];
    gram.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 5)));
    seed(1);
    expect(orthogonalMatrix(6)).toEqual(q);
  });
});

describe("setSpectralRadius", () => {
  it("makes W_hh = ρ·Q: W Wᵀ = ρ² I", () => {
    seed(2);
    const rnn = new RNN({ inputSize: 1, hiddenSize: 5 });
    setSpectralRadius(rnn, 1.5);
    const W = param(rnn, "weight_hh_l0");
    const wwT = tf.matMul(W, W, false, true).arraySync() as number[][];
    wwT.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 2.25 : 0, 4)));
  });

  it("refuses gated cells and bad radii", () => {
    expect(() => setSpectralRadius(new LSTM({ inputSize: 1, hiddenSize: 3 }) as unknown as RecurrentModule, 1)).toThrow(ArgumentError);
    expect(() => setSpectralRadius(new RNN({ inputSize: 1, hiddenSize: 3 }), -1)).toThrow(/radius/);
  });
});

describe("measureHiddenGradNorms", () => {
  it("agrees with autograd through the unrolled cell (probe gradients)", () => {
    seed(3);
    const rnn = new RNN({ inputSize: 2, hiddenSize: 4 });
    const x = tf.tensor3d(uniformArray(3 * 6 * 2, 1), [3, 6, 2]);
    const target = tf.tensor3d(uniformArray(3 * 6 * 4, 1), [3, 6, 4]);
    const loss = (output: tf.Tensor3D) => tf.mean(tf.square(tf.sub(output, target))) as tf.Scalar;
    const [norms] = measureHiddenGradNorms(rnn, x, loss);

    const w = { wIh: param(rnn, "weight_ih_l0"), wHh: param(rnn, "weight_hh_l0"), bIh: param(rnn, "bias_ih_l0"), bHh: param(rnn, "bias_hh_l0") } as never;
    const probes = Array.from({ length: 6 }, () => tf.zeros([3, 4]) as tf.Tensor2D);
    const grads = tf.grads((...p: tf.Tensor[]) => loss(unrollCell("rnn_tanh", x, tf.zeros([3, 4]), null, w, p as tf.Tensor2D[]).output))(probes);
    const expected = grads.map((g) => Math.sqrt(tf.sum(tf.square(g)).dataSync()[0]));
    expect(norms).toHaveLength(6);
    norms.forEach((n, t) => expect(n).toBeCloseTo(expected[t], 5));
  });

  it("shrinks by exactly ρ per step back while tanh is linear (h = 0), and changes no weight", () => {
    seed(4);
    const rnn = new RNN({ inputSize: 1, hiddenSize: 8 });
    setSpectralRadius(rnn, 0.5);
    for (const name of ["bias_ih_l0", "bias_hh_l0"]) param(rnn, name).assign(tf.zeros([8]));
    const before = rnn.parameters().map((p) => Array.from(p.dataSync()));
    const T = 10;
    const direction = tf.tensor2d(uniformArray(2 * 8, 1), [2, 8]);
    const lastStep = (output: tf.Tensor3D) => tf.sum(tf.mul(output.slice([0, T - 1, 0], [2, 1, 8]).reshape([2, 8]), direction)) as tf.Scalar;
    const [norms] = measureHiddenGradNorms(rnn, tf.zeros([2, T, 1]), lastStep);
    for (let t = 0; t < T - 1; t++) expect(norms[t] / norms[t + 1]).toBeCloseTo(0.5, 5);
    expect(rnn.parameters().map((p) => Array.from(p.dataSync()))).toEqual(before);
  });
});

describe("LastStepRegressor", () => {
  it("reads the hidden state after the last step through a Linear head", () => {
    seed(5);
    const rnn = new RNN({ inputSize: 1, hiddenSize: 3 });
    const model = new LastStepRegressor(rnn, 2);
    const x = tf.tensor3d(uniformArray(4 * 5, 1), [4, 5, 1]);
    const y = model.forward(x);
    expect(y.shape).toEqual([4, 2]);
    const last = rnn.forward(x).output.slice([0, 4, 0], [4, 1, 3]).reshape([4, 3]);
    expect(Array.from(y.dataSync())).toEqual(Array.from(model.head.forward(last).dataSync()));
    expect(model.namedParameters().map(([n]) => n)).toEqual([
      "recurrent.weight_ih_l0", "recurrent.weight_hh_l0", "recurrent.bias_ih_l0", "recurrent.bias_hh_l0", "head.weight", "head.bias",
    ]);
    expect(() => new LastStepRegressor({} as RecurrentModule)).toThrow(ArgumentError);
  });
});
