/**
 * Exercise 6: the vanilla RNN cell, forward.
 *
 * The memory update of PyTorch's nn.RNN (tanh), as lecture 03's "The standard RNN cell" writes it. One cell,
 * applied at every step with the same weights, turns a sequence of inputs into a sequence of hidden states.
 */

/** PyTorch's nn.RNN weights: wIh [H][I], wHh [H][H], bIh [H], bHh [H]. */
export interface RnnWeights {
  wIh: number[][];
  wHh: number[][];
  bIh: number[];
  bHh: number[];
}

/** The next hidden state [H] of the cell with weights `w`, after reading `x` [I] in the hidden state `h` [H]. */
export function rnnCell(x: number[], h: number[], w: RnnWeights): number[] {
  // BEGIN SOLUTION
  return w.bIh.map((b, j) => {
    let a = b + w.bHh[j];
    for (let i = 0; i < x.length; i++) a += w.wIh[j][i] * x[i];
    for (let k = 0; k < h.length; k++) a += w.wHh[j][k] * h[k];
    return Math.tanh(a);
  });
  // END SOLUTION
}

/** The hidden state after every step of `xs` [T][I], starting from `h0`: T rows of H values (h0 not included). */
export function rnnForward(xs: number[][], h0: number[], w: RnnWeights): number[][] {
  // BEGIN SOLUTION
  const hiddens: number[][] = [];
  let h = h0;
  for (const x of xs) {
    h = rnnCell(x, h, w);
    hiddens.push(h);
  }
  return hiddens;
  // END SOLUTION
}
