/**
 * Exercise 5: the vanilla RNN cell, forward.
 *
 * The memory update of nn.RNN: h' = tanh(W_ih·x + b_ih + W_hh·h + b_hh). One cell, applied at every step with
 * the same weights, turns a sequence of inputs into a sequence of hidden states.
 */

import { NotImplementedError } from "rnn-course";

/** PyTorch's nn.RNN weights: wIh [H][I], wHh [H][H], bIh [H], bHh [H]. */
export interface RnnWeights {
  wIh: number[][];
  wHh: number[][];
  bIh: number[];
  bHh: number[];
}

/** The next hidden state from input `x` [I] and hidden state `h` [H]. */
export function rnnCell(x: number[], h: number[], w: RnnWeights): number[] {
  throw new NotImplementedError("ex05-rnn-cell.rnnCell");
}

/** The hidden state after every step of `xs` [T][I], starting from `h0`: T rows of H values. */
export function rnnForward(xs: number[][], h0: number[], w: RnnWeights): number[][] {
  throw new NotImplementedError("ex05-rnn-cell.rnnForward");
}
