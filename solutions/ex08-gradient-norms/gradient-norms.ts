/**
 * Exercise 8: how the gradient fades going back in time.
 *
 * Let the loss depend only on the last hidden state h_T, with ∂loss/∂h_T given. Going back one step at a time
 * (lecture 04, "Backpropagation through time by hand, on a tiny example"; lecture 05, "A product of
 * Jacobians"), how large is the gradient that reaches each earlier hidden state? With small weights or a
 * saturated tanh its norm shrinks step after step (vanishing); with large weights it can grow (exploding).
 */

/** PyTorch's nn.RNN weights: wIh [H][I], wHh [H][H], bIh [H], bHh [H]. */
export interface RnnWeights {
  wIh: number[][];
  wHh: number[][];
  bIh: number[];
  bHh: number[];
}

/** The Euclidean (L2) norm of `v`. */
export function norm(v: number[]): number {
  // BEGIN SOLUTION
  return Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
  // END SOLUTION
}

/**
 * ‖∂loss/∂h_t‖ for t = 1 .. T (at index t-1), for the vanilla RNN cell (PyTorch's nn.RNN, tanh) with weights `w`
 * run over `xs` [T][I] from `h0`, when the loss depends on h_T alone and ∂loss/∂h_T = `dLastHidden`.
 * The last entry is therefore ‖dLastHidden‖.
 */
export function hiddenGradientNorms(xs: number[][], h0: number[], w: RnnWeights, dLastHidden: number[]): number[] {
  // BEGIN SOLUTION
  const hs: number[][] = [];
  let h = h0;
  for (const x of xs) {
    const prev = h;
    h = w.bIh.map((b, j) => Math.tanh(b + w.bHh[j] + sum(w.wIh[j].map((v, i) => v * x[i])) + sum(w.wHh[j].map((v, k) => v * prev[k]))));
    hs.push(h);
  }
  const norms = new Array<number>(xs.length);
  let grad = dLastHidden;
  for (let t = xs.length - 1; t >= 0; t--) {
    norms[t] = norm(grad);
    const da = grad.map((g, j) => g * (1 - hs[t][j] ** 2));
    grad = h0.map((_, k) => sum(da.map((d, j) => d * w.wHh[j][k])));
  }
  return norms;
  // END SOLUTION
}

/** Gradient clipping by norm (lecture 05, "Exploding gradients and clipping"): `grad` clipped to the norm `maxNorm`. */
export function clipByNorm(grad: number[], maxNorm: number): number[] {
  // BEGIN SOLUTION
  const n = norm(grad);
  return n <= maxNorm ? grad : grad.map((g) => (g * maxNorm) / n);
  // END SOLUTION
}

// BEGIN SOLUTION
function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
// END SOLUTION
