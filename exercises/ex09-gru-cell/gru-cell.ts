/**
 * Exercise 9: the GRU cell, forward (PyTorch's nn.GRU equations).
 *
 * A GRU keeps one state and two gates. The stacked products W_ih·x + b_ih and W_hh·h + b_hh are each split into
 * three blocks of H rows in the order r, z, n; the reset gate acts on the hidden part only, after its bias:
 *   r = σ(x_r + h_r)      z = σ(x_z + h_z)      n = tanh(x_n + r ⊙ h_n)
 *   h' = (1 - z) ⊙ n + z ⊙ h
 * (x_* = block of W_ih·x + b_ih, h_* = block of W_hh·h + b_hh). z near 1 keeps the old state.
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
  throw new NotImplementedError("ex09-gru-cell.gruCell");
}

/** The hidden state after every step of `xs` [T][I], starting from `h0`. */
export function gruForward(xs: number[][], h0: number[], w: GruWeights): number[][] {
  throw new NotImplementedError("ex09-gru-cell.gruForward");
}
