/**
 * Exercise 12: the GRU cell, forward (PyTorch's nn.GRU equations).
 *
 * A GRU keeps one state and two gates: the update gate z chooses between the old state and a candidate, the
 * reset gate r how much of the old state the candidate sees. Lecture 06, "The GRU cell", gives PyTorch's
 * equations (mind where the reset gate acts) and prints the library's cell; here you compute it with plain arrays.
 */

import { NotImplementedError } from "rnn-course";

/** nn.GRU weights: wIh [3H][I], wHh [3H][H], bIh [3H], bHh [3H], gate blocks in the order r, z, n. */
export interface GruWeights {
  wIh: number[][];
  wHh: number[][];
  bIh: number[];
  bHh: number[];
}

/** The next hidden state from input `x` [I] and hidden state `h` [H]. */
export function gruCell(x: number[], h: number[], w: GruWeights): number[] {
  throw new NotImplementedError("ex12-gru-cell.gruCell");
}

/** The hidden state after every step of `xs` [T][I], starting from `h0`. */
export function gruForward(xs: number[][], h0: number[], w: GruWeights): number[][] {
  throw new NotImplementedError("ex12-gru-cell.gruForward");
}
