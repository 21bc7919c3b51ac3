/**
 * Watching gradients travel back through time.
 *
 * Going back one step multiplies ∂L/∂h_t by the Jacobian ∂h_t/∂h_{t-1} = diag(1 - h_t²) · W_hh
 * (tanh RNN). Its size is set by two things: the recurrent matrix W_hh and how saturated tanh is (1
 * - h² ≤ 1). With W_hh = ρ·Q for an orthogonal Q, every eigenvalue of W_hh has modulus ρ — its
 * spectral radius — and every singular value equals ρ, so ρ < 1 shrinks the gradient at every step
 * and ρ > 1 can grow it.
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";
import type { RecurrentModule } from "../nn/rnn";
import { gaussian } from "../seed";

/**
 * A random orthogonal n × n matrix (row-major, QᵀQ = I): Gram–Schmidt on a seeded Gaussian matrix.
 */
export function orthogonalMatrix(n: number): Float32Array {
  check(Number.isInteger(n) && n > 0, "n", "a positive integer (matrix size)", n);
  const rows = Array.from({ length: n }, () => Float64Array.from({ length: n }, gaussian));
  rows.forEach((r, i) => {
    for (let j = 0; j < i; j++) {
      const projection = dot(r, rows[j]);
      for (let k = 0; k < n; k++) r[k] -= projection * rows[j][k];
    }
    const length = Math.sqrt(dot(r, r));
    for (let k = 0; k < n; k++) r[k] /= length;
  });
  const q = new Float32Array(n * n);
  rows.forEach((r, i) => q.set(r, i * n));
  return q;
}

/**
 * Sets the recurrent matrix W_hh of a vanilla RNN layer to ρ·Q, Q random orthogonal (from the
 * seeded generator): spectral radius and every singular value exactly ρ. `layer` picks a layer of a
 * stacked RNN.
 */
export function setSpectralRadius(rnn: RecurrentModule, radius: number, layer = 0): void {
  check(
    rnn?.kind === "rnn_tanh" || rnn?.kind === "rnn_relu",
    "rnn",
    "a vanilla RNN (new RNN(...)): an LSTM or GRU stacks several gate matrices in W_hh",
    rnn?.kind,
  );
  check(
    Number.isFinite(radius) && radius >= 0,
    "radius",
    "a number >= 0 (the spectral radius)",
    radius,
  );
  check(
    Number.isInteger(layer) && layer >= 0 && layer < rnn.numLayers,
    "layer",
    `a layer index in [0, ${rnn.numLayers - 1}]`,
    layer,
  );
  const H = rnn.hiddenSize;
  const weight = rnn.namedParameters().find(([name]) => name === `weight_hh_l${layer}`)![1];
  const q = orthogonalMatrix(H).map((v) => v * radius);
  tf.tidy(() => weight.assign(tf.tensor2d(q, [H, H])));
}

/**
 * ‖∂L/∂h_t‖ for every step t (Frobenius norm over the batch), one array per layer: runs `rnn` on x,
 * takes `loss` of its output [B, T, H] and backpropagates, without changing any weight. The norm at
 * step t counts every path from L to h_t: through the output at t and through all later steps.
 */
export function measureHiddenGradNorms(
  rnn: RecurrentModule,
  x: tf.Tensor,
  loss: (output: tf.Tensor3D) => tf.Scalar,
): Float32Array[] {
  check(
    typeof loss === "function",
    "loss",
    "a function from the layer's output [batch, time, hidden] to a scalar",
    loss,
  );
  tf.tidy(() => {
    tf.variableGrads(() => loss(rnn.forward(x).output), rnn.parameters());
  });
  return rnn.hiddenGradNorms.map((norms) => norms.slice());
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k] * b[k];
  return sum;
}
