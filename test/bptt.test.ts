import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { readableKernel } from "../src/nn/bptt";
import { CellKind, Dims, Floats, GATES, Weights } from "rnn-course-contract";
import { unrollCell } from "../src/nn/cells";
import { seed, uniformArray } from "../src/seed";

const KINDS: CellKind[] = ["rnn_tanh", "rnn_relu", "lstm", "gru"];

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** Random inputs, weights and upstream gradients for one layer; `Float` picks float32 or float64. */
function problem<A extends Floats>(kind: CellKind, dims: Dims, Float: new (values: Float32Array) => A) {
  const { batch: B, steps: T, input: I, hidden: H } = dims;
  const GH = GATES[kind] * H;
  const draw = (n: number, bound = 1) => new Float(uniformArray(n, bound));
  const lstm = kind === "lstm";
  return {
    x: draw(B * T * I), h0: draw(B * H), c0: lstm ? draw(B * H) : null,
    w: { wIh: draw(GH * I, 0.7), wHh: draw(GH * H, 0.7), bIh: draw(GH, 0.5), bHh: draw(GH, 0.5) },
    // L = Σ output ⊙ dOutput + Σ h_N ⊙ dhN + Σ c_N ⊙ dcN, so these are L's gradients w.r.t. each.
    dOutput: draw(B * T * H), dhN: draw(B * H), dcN: lstm ? draw(B * H) : null,
  };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number) {
  expect(actual.length).toBe(expected.length);
  const worst = Math.max(...Array.from(actual, (a, i) => Math.abs(a - expected[i])));
  expect(worst).toBeLessThan(tolerance);
}

describe.each(KINDS)("readable BPTT kernel, %s", (kind) => {
  const dims: Dims = { batch: 3, steps: 6, input: 2, hidden: 4 };
  const { batch: B, steps: T, input: I, hidden: H } = dims;
  const GH = GATES[kind] * H;

  it("matches tfjs autograd of the step-by-step cells: outputs, final state, every gradient, ‖∂L/∂h_t‖", () => {
    seed(7);
    const p = problem(kind, dims, Float32Array);
    const w: Weights = p.w;
    const fwd = readableKernel.forward(kind, dims, p.x, p.h0, p.c0, w);
    const grads = readableKernel.backward(kind, dims, w, p.x, fwd, p.dOutput, p.dhN, p.dcN);

    const tensors = [
      tf.tensor3d(p.x, [B, T, I]), tf.tensor2d(p.h0, [B, H]), tf.tensor2d(p.c0 ?? new Float32Array(B * H), [B, H]), // c0 unused unless LSTM
      tf.tensor2d(w.wIh, [GH, I]), tf.tensor2d(w.wHh, [GH, H]), tf.tensor1d(w.bIh), tf.tensor1d(w.bHh),
      ...Array.from({ length: T }, () => tf.zeros([B, H])), // probes: their gradients are ∂L/∂h_t
    ];
    const run = ([x, h0, c0, wIh, wHh, bIh, bHh, ...probes]: tf.Tensor[]) =>
      unrollCell(kind, x as tf.Tensor3D, h0 as tf.Tensor2D, kind === "lstm" ? (c0 as tf.Tensor2D) : null,
        { wIh: wIh as tf.Tensor2D, wHh: wHh as tf.Tensor2D, bIh: bIh as tf.Tensor1D, bHh: bHh as tf.Tensor1D },
        probes as tf.Tensor2D[]);
    const reference = run(tensors);
    expectClose(fwd.output, reference.output.dataSync(), 1e-6);
    expectClose(fwd.hN, reference.h.dataSync(), 1e-6);
    if (kind === "lstm") expectClose(fwd.cN as Float32Array, (reference.c as tf.Tensor).dataSync(), 1e-6);

    const loss = (...inputs: tf.Tensor[]) => {
      const r = run(inputs);
      const touchC0 = tf.mul(inputs[2], 0).sum(); // so autograd gives c0 a (zero) gradient for every kind
      const fromState = tf.sum(tf.mul(r.h, tf.tensor2d(p.dhN, [B, H])));
      const fromCell = r.c ? tf.sum(tf.mul(r.c, tf.tensor2d(p.dcN as Float32Array, [B, H]))) : tf.scalar(0);
      return tf.addN([tf.sum(tf.mul(r.output, tf.tensor3d(p.dOutput, [B, T, H]))), fromState, fromCell, touchC0]) as tf.Scalar;
    };
    const [dx, dh0, dc0, dWIh, dWHh, dBIh, dBHh, ...dProbes] = tf.grads(loss)(tensors).map((g) => g.dataSync());
    expectClose(grads.dx, dx, 1e-5);
    expectClose(grads.dh0, dh0, 1e-5);
    if (kind === "lstm") expectClose(grads.dc0 as Float32Array, dc0, 1e-5);
    expect(grads.dc0 === null).toBe(kind !== "lstm");
    expectClose(grads.dWIh, dWIh, 1e-5);
    expectClose(grads.dWHh, dWHh, 1e-5);
    expectClose(grads.dBIh, dBIh, 1e-5);
    expectClose(grads.dBHh, dBHh, 1e-5);
    const norms = dProbes.map((g) => Math.hypot(...g));
    expectClose(grads.hiddenGradNorms, norms, 1e-5);
  });

  it("matches central finite differences in float64 for every weight, bias, input and initial state", () => {
    seed(11);
    const small: Dims = { batch: 2, steps: 3, input: 2, hidden: 3 };
    const p = problem(kind, small, Float64Array);
    const loss = () => {
      const r = readableKernel.forward(kind, small, p.x, p.h0, p.c0, p.w);
      const dot = (a: Floats | null, b: Floats | null) => {
        let sum = 0;
        for (let i = 0; a && b && i < a.length; i++) sum += a[i] * b[i];
        return sum;
      };
      return dot(r.output, p.dOutput) + dot(r.hN, p.dhN) + dot(r.cN, p.dcN);
    };
    const fwd = readableKernel.forward(kind, small, p.x, p.h0, p.c0, p.w);
    const grads = readableKernel.backward(kind, small, p.w, p.x, fwd, p.dOutput, p.dhN, p.dcN);
    const checks: [Floats | null, Floats | null][] = [
      [p.x, grads.dx], [p.h0, grads.dh0], [p.c0, grads.dc0],
      [p.w.wIh, grads.dWIh], [p.w.wHh, grads.dWHh], [p.w.bIh, grads.dBIh], [p.w.bHh, grads.dBHh],
    ];
    const eps = 1e-6;
    let worst = 0;
    let compared = 0;
    for (const [values, analytic] of checks) {
      if (!values || !analytic) continue;
      expect(analytic).toBeInstanceOf(Float64Array);
      for (let k = 0; k < values.length; k++) {
        const saved = values[k];
        values[k] = saved + eps;
        const up = loss();
        values[k] = saved - eps;
        const down = loss();
        values[k] = saved;
        worst = Math.max(worst, Math.abs((up - down) / (2 * eps) - analytic[k]));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(30);
    expect(worst).toBeLessThan(1e-8);
  });
});
