import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readableKernel } from "../../src/nn/bptt";
import { CellKind, Dims, GATES, Gradients } from "rnn-course-contract";
import { fastKernel } from "rnn-course-fast";
import { GRU, LSTM, RNN, RNNOptions } from "../../src/nn/rnn";
import { recurrentKernelName, setRecurrentKernel } from "../../src/nn/recurrent";
import { seed, uniformArray } from "../../src/seed";
import { fromTorchStateDict } from "../../src/nn/torch";

const KINDS: CellKind[] = ["rnn_tanh", "rnn_relu", "lstm", "gru"];

/**
 * Odd sizes on purpose: hidden and input widths that are not multiples of the SIMD width (padding),
 * hidden widths where the last 8-column panel is 4 wide, batches that leave a remainder row tile,
 * and sequences long enough for the weight-gradient product to run over several blocks of T·B rows.
 */
const SHAPES: Dims[] = [
  { batch: 1, steps: 1, input: 1, hidden: 1 },
  { batch: 3, steps: 5, input: 2, hidden: 7 },
  { batch: 5, steps: 4, input: 3, hidden: 12 },
  { batch: 8, steps: 40, input: 1, hidden: 32 },
  { batch: 6, steps: 50, input: 5, hidden: 33 },
];

function problem(kind: CellKind, dims: Dims) {
  const { batch: B, steps: T, input: I, hidden: H } = dims;
  const GH = GATES[kind] * H;
  const lstm = kind === "lstm";
  const bound = 1 / Math.sqrt(H); // PyTorch's init scale keeps long sequences in the interesting range
  return {
    x: uniformArray(B * T * I, 1), h0: uniformArray(B * H, 1), c0: lstm ? uniformArray(B * H, 1) : null,
    w: { wIh: uniformArray(GH * I, bound), wHh: uniformArray(GH * H, bound), bIh: uniformArray(GH, bound), bHh: uniformArray(GH, bound) },
    dOutput: uniformArray(B * T * H, 1), dhN: uniformArray(B * H, 1), dcN: lstm ? uniformArray(B * H, 1) : null,
  };
}

function run(kernel: typeof fastKernel, kind: CellKind, dims: Dims, p: ReturnType<typeof problem>) {
  const fwd = kernel.forward(kind, dims, p.x, p.h0, p.c0, p.w);
  const grads = kernel.backward(kind, dims, p.w, p.x, fwd, p.dOutput, p.dhN, p.dcN);
  return { fwd, grads };
}

/** Float32 rounding, scaled to the array's size: sums of many float32 terms in another order differ. */
function expectClose(actual: Float32Array | null, expected: Float32Array | null, what: string) {
  expect(actual === null, what).toBe(expected === null);
  if (!actual || !expected) return;
  expect(actual.length, what).toBe(expected.length);
  const scale = Math.max(1, ...Array.from(expected, Math.abs));
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst / scale, what).toBeLessThan(1e-5); // observed up to ~1e-6
}

const GRADIENTS: (keyof Gradients)[] = ["dx", "dh0", "dc0", "dWIh", "dWHh", "dBIh", "dBHh", "hiddenGradNorms"];

describe.each(KINDS)("fast kernel, %s", (kind) => {
  it.each(SHAPES)("matches the readable kernel for %o", (dims) => {
    seed(11);
    const p = problem(kind, dims);
    const fast = run(fastKernel, kind, dims, p);
    const readable = run(readableKernel, kind, dims, p);
    expectClose(fast.fwd.output, readable.fwd.output, "output");
    expectClose(fast.fwd.hN, readable.fwd.hN, "hN");
    expectClose(fast.fwd.cN, readable.fwd.cN, "cN");
    for (const name of GRADIENTS) expectClose(fast.grads[name], readable.grads[name], name);
  });

  it("is deterministic, also when backward must recompute a forward whose workspace was reused", () => {
    const dims = SHAPES[2];
    seed(5);
    const p = problem(kind, dims);
    const first = run(fastKernel, kind, dims, p);
    const fwd = fastKernel.forward(kind, dims, p.x, p.h0, p.c0, p.w);
    const other = uniformArray(p.x.length, 1);
    for (let i = 0; i < 6; i++) fastKernel.forward(kind, dims, other, p.h0, p.c0, p.w); // takes every workspace
    const again = fastKernel.backward(kind, dims, p.w, p.x, fwd, p.dOutput, p.dhN, p.dcN);
    const twice = fastKernel.backward(kind, dims, p.w, p.x, fwd, p.dOutput, p.dhN, p.dcN);
    expect(fwd.output).toEqual(first.fwd.output);
    for (const name of GRADIENTS) {
      expect(again[name], name).toEqual(first.grads[name]);
      expect(twice[name], name).toEqual(first.grads[name]);
    }
  });
});

describe("fast kernel input checks", () => {
  const dims: Dims = { batch: 2, steps: 3, input: 1, hidden: 4 };

  it("names the argument whose length is wrong", () => {
    seed(1);
    const p = problem("lstm", dims);
    expect(() => fastKernel.forward("lstm", dims, p.x.subarray(1), p.h0, p.c0, p.w)).toThrow(/^x: expected a Float32Array of length 6/);
    expect(() => fastKernel.forward("lstm", dims, p.x, p.h0, p.c0, { ...p.w, wHh: p.w.wIh })).toThrow(
      "w.wHh: expected a Float32Array of length 64 [gates·hidden, hidden], received Float32Array of length 16",
    );
  });

  it("refuses a cache from another kernel", () => {
    seed(2);
    const p = problem("gru", dims);
    const fwd = readableKernel.forward("gru", dims, p.x, p.h0, null, p.w);
    expect(() => fastKernel.backward("gru", dims, p.w, p.x, fwd, p.dOutput, p.dhN, null)).toThrow("fwd: expected the result of fastKernel.forward");
  });
});

describe("fast kernel inside the modules", () => {
  // PyTorch's outputs and gradients (scripts/torch/make_recurrent_fixtures.py), incl. stacked layers, whose
  // forward caches wait for their backward at the same time.
  const cases: {
    name: string; module: "RNN" | "LSTM" | "GRU"; options: RNNOptions; state_dict: Record<string, number[] | number[][]>;
    x: number[][][]; h0: number[][][]; c0?: number[][][];
    loss_weights: { output: number[][][]; h: number[][][]; c?: number[][][] };
    expected: { output: number[][][]; grads: Record<string, unknown> };
  }[] = JSON.parse(readFileSync(join(__dirname, "..", "..", "test", "fixtures", "torch-recurrent.json"), "utf8")).cases;
  const modules = { RNN, LSTM, GRU };

  it("is the default once imported", () => {
    expect(recurrentKernelName()).toBe("fast");
  });

  it.each(cases.map((c) => [c.name, c] as const))("gives PyTorch's output and parameter gradients: %s", async (_, c) => {
    await tf.setBackend("cpu");
    setRecurrentKernel("fast");
    const model = fromTorchStateDict(new modules[c.module](c.options), c.state_dict);
    const [x, h0, c0] = [c.x, c.h0, c.c0].map((v) => v && tf.tensor3d(v));
    let output: tf.Tensor | null = null;
    const { grads } = tf.variableGrads(() => {
      const r = model.forward(x as tf.Tensor, h0, c0);
      output = tf.keep(r.output);
      const terms = [tf.sum(tf.mul(r.output, c.loss_weights.output)), tf.sum(tf.mul(r.h, c.loss_weights.h))];
      if (r.c) terms.push(tf.sum(tf.mul(r.c, c.loss_weights.c as number[][][])));
      return tf.addN(terms) as tf.Scalar;
    });
    const worst = (a: tf.Tensor, expected: unknown) => tf.max(tf.abs(tf.sub(a, tf.tensor(expected as number[])))).dataSync()[0];
    expect(worst(output as unknown as tf.Tensor, c.expected.output)).toBeLessThan(2e-5);
    for (const [name, p] of model.namedParameters()) expect(worst(grads[p.name], c.expected.grads[name]), name).toBeLessThan(2e-5);
  });
});
