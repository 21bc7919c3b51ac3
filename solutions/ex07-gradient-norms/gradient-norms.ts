/**
 * Exercise 7: how the gradient fades going back in time.
 *
 * Let the loss depend only on the last hidden state h_T, with ∂loss/∂h_T given. Each step back multiplies
 * the gradient by the step's Jacobian: ∂loss/∂h_{t-1} = W_hhᵀ · ((1 - h_t²) ⊙ ∂loss/∂h_t). With small weights or
 * a saturated tanh its norm shrinks step after step (vanishing); with large weights it can grow (exploding).
 */

/** PyTorch's nn.RNN weights: wIh [H][I], wHh [H][H], bIh [H], bHh [H]. */
export interface RnnWeights {
  wIh: number[][];
  wHh: number[][];
  bIh: number[];
  bHh: number[];
}

/** Euclidean norm √(Σ v²). */
export function norm(v: number[]): number {
  // BEGIN SOLUTION
  return Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
  // END SOLUTION
}

/**
 * ‖∂loss/∂h_t‖ for t = 1 .. T (index t-1), where h_t = tanh(W_ih·x_t + b_ih + W_hh·h_{t-1} + b_hh) over `xs`
 * from `h0`, and ∂loss/∂h_T = `dLastHidden`. The last entry is ‖dLastHidden‖.
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

/** `grad` scaled down so that its norm is at most `maxNorm` (unchanged when already within): gradient clipping. */
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
