/**
 * Exercise 7: how the gradient fades going back in time.
 *
 * Let the loss depend only on the last hidden state h_T, with ∂loss/∂h_T given. Each step back multiplies
 * the gradient by the step's Jacobian: ∂loss/∂h_{t-1} = W_hhᵀ · ((1 - h_t²) ⊙ ∂loss/∂h_t). With small weights or
 * a saturated tanh its norm shrinks step after step (vanishing); with large weights it can grow (exploding).
 */

import { NotImplementedError } from "rnn-course";

/** PyTorch's nn.RNN weights: wIh [H][I], wHh [H][H], bIh [H], bHh [H]. */
export interface RnnWeights {
  wIh: number[][];
  wHh: number[][];
  bIh: number[];
  bHh: number[];
}

/** Euclidean norm √(Σ v²). */
export function norm(v: number[]): number {
  throw new NotImplementedError("ex07-gradient-norms.norm");
}

/**
 * ‖∂loss/∂h_t‖ for t = 1 .. T (index t-1), where h_t = tanh(W_ih·x_t + b_ih + W_hh·h_{t-1} + b_hh) over `xs`
 * from `h0`, and ∂loss/∂h_T = `dLastHidden`. The last entry is ‖dLastHidden‖.
 */
export function hiddenGradientNorms(xs: number[][], h0: number[], w: RnnWeights, dLastHidden: number[]): number[] {
  throw new NotImplementedError("ex07-gradient-norms.hiddenGradientNorms");
}

/** `grad` scaled down so that its norm is at most `maxNorm` (unchanged when already within): gradient clipping. */
export function clipByNorm(grad: number[], maxNorm: number): number[] {
  throw new NotImplementedError("ex07-gradient-norms.clipByNorm");
}
