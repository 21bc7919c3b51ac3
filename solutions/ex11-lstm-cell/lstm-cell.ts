/**
 * Exercise 11: the LSTM cell, forward (PyTorch's nn.LSTM equations).
 *
 * Besides the hidden state h, an LSTM carries a cell state c that is only scaled and added to, never squashed
 * by a weight matrix: that path is what lets gradients survive many steps. Lecture 06, "The LSTM cell", gives
 * the equations (PyTorch's) and prints the library's cell; here you compute it with plain arrays.
 */

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
  // BEGIN SOLUTION
  return 1 / (1 + Math.exp(-v));
  // END SOLUTION
}

/** One step from input `x` [I] and state {h, c} (each [H]). */
export function lstmCell(x: number[], state: LstmState, w: LstmWeights): LstmState {
  // BEGIN SOLUTION
  const H = state.h.length;
  const a = w.bIh.map((b, r) => {
    let s = b + w.bHh[r];
    for (let i = 0; i < x.length; i++) s += w.wIh[r][i] * x[i];
    for (let k = 0; k < H; k++) s += w.wHh[r][k] * state.h[k];
    return s;
  });
  const c = state.c.map((cPrev, j) => sigmoid(a[H + j]) * cPrev + sigmoid(a[j]) * Math.tanh(a[2 * H + j]));
  const h = c.map((cj, j) => sigmoid(a[3 * H + j]) * Math.tanh(cj));
  return { h, c };
  // END SOLUTION
}

/** Every hidden state over `xs` [T][I] from `state0`, and the final {h, c}. */
export function lstmForward(xs: number[][], state0: LstmState, w: LstmWeights): { hiddens: number[][]; last: LstmState } {
  // BEGIN SOLUTION
  const hiddens: number[][] = [];
  let state = state0;
  for (const x of xs) {
    state = lstmCell(x, state, w);
    hiddens.push(state.h);
  }
  return { hiddens, last: state };
  // END SOLUTION
}
