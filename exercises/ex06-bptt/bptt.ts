/**
 * Exercise 6: backpropagation through time for a vanilla RNN, by hand.
 *
 * Unroll the RNN over T steps, predict y_t = w_hy·h_t + b_hy at every step, and average the squared errors.
 * Going backwards from the last step, the gradient reaching h_t is what its own prediction asks for plus
 * what the next step sends back through W_hh; tanh' = 1 - h² scales it on the way into the pre-activation.
 */

import { NotImplementedError } from "rnn-course";

/** A vanilla RNN (PyTorch layout) with a linear head giving one number per step. */
export interface RnnRegressor {
  wIh: number[][];
  wHh: number[][];
  bIh: number[];
  bHh: number[];
  wHy: number[];
  bHy: number;
}

/** ∂loss/∂(every parameter), same shapes as the parameters, plus ∂loss/∂h0. */
export interface Gradients {
  wIh: number[][];
  wHh: number[][];
  bIh: number[];
  bHh: number[];
  wHy: number[];
  bHy: number;
  h0: number[];
}

/** Hidden states after every step: h_t = tanh(W_ih·x_t + b_ih + W_hh·h_{t-1} + b_hh). */
export function hiddenStates(xs: number[][], h0: number[], m: RnnRegressor): number[][] {
  throw new NotImplementedError("ex06-bptt.hiddenStates");
}

/** Mean over the T steps of (w_hy·h_t + b_hy - targets[t])². */
export function sequenceLoss(xs: number[][], targets: number[], h0: number[], m: RnnRegressor): number {
  throw new NotImplementedError("ex06-bptt.sequenceLoss");
}

/** The gradient of `sequenceLoss` with respect to every parameter and h0. */
export function sequenceGradients(xs: number[][], targets: number[], h0: number[], m: RnnRegressor): Gradients {
  throw new NotImplementedError("ex06-bptt.sequenceGradients");
}
