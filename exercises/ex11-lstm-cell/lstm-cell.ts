/**
 * Exercise 11: the LSTM cell, forward (PyTorch's nn.LSTM equations).
 *
 * Besides the hidden state h, an LSTM carries a cell state c that is only scaled and added to, never squashed
 * by a weight matrix: that path is what lets gradients survive many steps. Lecture 06, "The LSTM cell", gives
 * the equations (PyTorch's) and prints the library's cell; here you compute it with plain arrays.
 */

import { NotImplementedError } from "rnn-course";

/** nn.LSTM weights: wIh [4H][I], wHh [4H][H], bIh [4H], bHh [4H], gate blocks in the order i, f, g, o. */
export interface LstmWeights {
  wIh: number[][];
  wHh: number[][];
  bIh: number[];
  bHh: number[];
}

export interface LstmState {
  h: number[];
  c: number[];
}

/** The logistic sigmoid of `v`. */
export function sigmoid(v: number): number {
  throw new NotImplementedError("ex11-lstm-cell.sigmoid");
}

/** One step from input `x` [I] and state {h, c} (each [H]). */
export function lstmCell(x: number[], state: LstmState, w: LstmWeights): LstmState {
  throw new NotImplementedError("ex11-lstm-cell.lstmCell");
}

/** Every hidden state over `xs` [T][I] from `state0`, and the final {h, c}. */
export function lstmForward(xs: number[][], state0: LstmState, w: LstmWeights): { hiddens: number[][]; last: LstmState } {
  throw new NotImplementedError("ex11-lstm-cell.lstmForward");
}
