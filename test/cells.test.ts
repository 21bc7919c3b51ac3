import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CellKind } from "rnn-course-contract";
import { gruCell, lstmCell, rnnCell, unrollCell } from "../src/nn/cells";

// One-layer cases of the PyTorch fixture (scripts/torch/make_recurrent_fixtures.py): the step-by-step
// cells, unrolled and differentiated by tfjs, must reproduce PyTorch — that is what makes them a
// trustworthy reference for the hand-written BPTT.
type Nested = number[][][];
interface Case {
  name: string;
  module: string;
  options: { numLayers: number; nonlinearity?: string };
  state_dict: Record<string, number[] | number[][]>;
  x: Nested;
  h0: Nested;
  c0?: Nested;
  loss_weights: { output: Nested; h: Nested; c?: Nested };
  expected: { output: Nested; h_n: Nested; c_n?: Nested; grads: Record<string, Nested> };
}
const fixture: { cases: Case[] } = JSON.parse(readFileSync(join(__dirname, "fixtures", "torch-recurrent.json"), "utf8"));
const cases = fixture.cases.filter((c) => c.options.numLayers === 1);
const kindOf = (c: Case): CellKind =>
  c.module === "RNN" ? (c.options.nonlinearity === "relu" ? "rnn_relu" : "rnn_tanh") : c.module === "LSTM" ? "lstm" : "gru";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

function worstGap(actual: tf.Tensor, expected: unknown): number {
  const reference = tf.tensor(expected as number[]);
  expect(actual.shape).toEqual(reference.shape);
  return tf.max(tf.abs(tf.sub(actual, reference))).dataSync()[0];
}

describe.each(cases.map((c) => [c.name, c] as const))("cells unrolled, %s", (_, c) => {
  it("match PyTorch's outputs and gradients (tfjs autograd)", () => {
    const kind = kindOf(c);
    const sd = c.state_dict;
    const bias = (name: string) => sd[name] ?? new Array((sd.weight_hh_l0 as number[][]).length).fill(0); // bias=False: zeros
    const inputs = [c.x, c.h0[0], c.c0 ? c.c0[0] : c.h0[0], sd.weight_ih_l0, sd.weight_hh_l0, bias("bias_ih_l0"), bias("bias_hh_l0")]
      .map((v) => tf.tensor(v));
    const run = ([x, h0, c0, wIh, wHh, bIh, bHh]: tf.Tensor[]) =>
      unrollCell(kind, x as tf.Tensor3D, h0 as tf.Tensor2D, kind === "lstm" ? (c0 as tf.Tensor2D) : null,
        { wIh: wIh as tf.Tensor2D, wHh: wHh as tf.Tensor2D, bIh: bIh as tf.Tensor1D, bHh: bHh as tf.Tensor1D });
    const r = run(inputs);
    expect(worstGap(r.output, c.expected.output)).toBeLessThan(2e-5);
    expect(worstGap(r.h, c.expected.h_n[0])).toBeLessThan(2e-5);
    if (r.c) expect(worstGap(r.c, (c.expected.c_n as Nested)[0])).toBeLessThan(2e-5);

    const loss = (...args: tf.Tensor[]) => {
      const s = run(args);
      const terms = [tf.sum(tf.mul(s.output, c.loss_weights.output)), tf.sum(tf.mul(s.h, c.loss_weights.h[0]))];
      terms.push(s.c ? tf.sum(tf.mul(s.c, (c.loss_weights.c as Nested)[0])) : tf.sum(tf.mul(args[2], 0))); // c0 must be used
      return tf.addN(terms) as tf.Scalar;
    };
    const [dx, dh0, dc0, dWIh, dWHh, dBIh, dBHh] = tf.grads(loss)(inputs);
    const g = c.expected.grads;
    const gaps = [worstGap(dx, g.x), worstGap(dh0, g.h0[0]), worstGap(dWIh, g.weight_ih_l0), worstGap(dWHh, g.weight_hh_l0),
      ...(g.bias_ih_l0 ? [worstGap(dBIh, g.bias_ih_l0), worstGap(dBHh, g.bias_hh_l0)] : []),
      ...(kind === "lstm" ? [worstGap(dc0, g.c0[0])] : [])];
    expect(Math.max(...gaps)).toBeLessThan(2e-5);
  });
});

describe("single cells", () => {
  const B = 2, I = 3, H = 4;
  const weights = (gates: number) => ({
    wIh: tf.fill([gates * H, I], 0.1) as tf.Tensor2D, wHh: tf.fill([gates * H, H], -0.2) as tf.Tensor2D,
    bIh: tf.fill([gates * H], 0.05) as tf.Tensor1D, bHh: tf.fill([gates * H], 0.01) as tf.Tensor1D,
  });
  const x = tf.ones([B, I]) as tf.Tensor2D;
  const h = tf.fill([B, H], 0.5) as tf.Tensor2D;

  it("keep the state's shape [B, H]", () => {
    expect(rnnCell(x, h, weights(1)).shape).toEqual([B, H]);
    expect(gruCell(x, h, weights(3)).shape).toEqual([B, H]);
    const next = lstmCell(x, h, h, weights(4));
    expect([next.h.shape, next.c.shape]).toEqual([[B, H], [B, H]]);
  });

  it("relu differs from tanh exactly where the pre-activation is negative", () => {
    // pre-activation = 3·0.1 + 0.05 + 4·(-0.2)·0.5 + 0.01 = -0.04 < 0
    expect(Array.from(rnnCell(x, h, weights(1), "relu").dataSync())).toEqual(new Array(B * H).fill(0));
    expect(rnnCell(x, h, weights(1), "tanh").dataSync()[0]).toBeCloseTo(Math.tanh(-0.04), 6);
  });
});
