/**
 * Exercise 6: the vanilla RNN cell, forward.
 *
 * The memory update of PyTorch's nn.RNN (tanh), as lecture 03's "The standard RNN cell" writes it. One cell,
 * applied at every step with the same weights, turns a sequence of inputs into a sequence of hidden states.
 */

import { NotImplementedError } from "rnn-course";

/** PyTorch's nn.RNN weights: wIh [H][I], wHh [H][H], bIh [H], bHh [H]. */
export interface RnnWeights {
  wIh: number[][];
  wHh: number[][];
  bIh: number[];
  bHh: number[];
}

/** The next hidden state [H] of the cell with weights `w`, after reading `x` [I] in the hidden state `h` [H]. */
export function rnnCell(x: number[], h: number[], w: RnnWeights): number[] {
  throw new NotImplementedError("ex06-rnn-cell.rnnCell");
}

/** The hidden state after every step of `xs` [T][I], starting from `h0`: T rows of H values (h0 not included). */
export function rnnForward(xs: number[][], h0: number[], w: RnnWeights): number[][] {
  throw new NotImplementedError("ex06-rnn-cell.rnnForward");
}
