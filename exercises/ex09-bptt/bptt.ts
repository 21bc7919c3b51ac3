/**
 * Exercise 9: backpropagation through time for a vanilla RNN, by hand.
 *
 * A vanilla RNN with a linear head predicts one number after every step of a sequence; the loss is the mean
 * squared error over the T steps. Lecture 04 ("Unrolling" and "Backpropagation through time by hand, on a
 * tiny example") derives its gradient; here you compute it for every parameter, with plain arrays.
 */

import { NotImplementedError } from "rnn-course";

/** A vanilla RNN (PyTorch's nn.RNN, tanh, its weight layout) and a linear head (wHy [H], bHy) reading each hidden state. */
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

/** The hidden state after every step of `xs` [T][I], starting from `h0` (not included): T rows of H values. */
export function hiddenStates(xs: number[][], h0: number[], m: RnnRegressor): number[][] {
  throw new NotImplementedError("ex09-bptt.hiddenStates");
}

/** The mean squared error between the head's prediction after each step and `targets` [T]. */
export function sequenceLoss(xs: number[][], targets: number[], h0: number[], m: RnnRegressor): number {
  throw new NotImplementedError("ex09-bptt.sequenceLoss");
}

/** The gradient of `sequenceLoss` with respect to every parameter, and to h0. */
export function sequenceGradients(xs: number[][], targets: number[], h0: number[], m: RnnRegressor): Gradients {
  throw new NotImplementedError("ex09-bptt.sequenceGradients");
}
