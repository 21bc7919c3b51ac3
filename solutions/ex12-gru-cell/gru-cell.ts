/**
 * Exercise 12: the GRU cell, forward (PyTorch's nn.GRU equations).
 *
 * A GRU keeps one state and two gates: the update gate z chooses between the old state and a candidate, the
 * reset gate r how much of the old state the candidate sees. Lecture 06, "The GRU cell", gives PyTorch's
 * equations (mind where the reset gate acts) and prints the library's cell; here you compute it with plain arrays.
 */

/** nn.GRU weights: wIh [3H][I], wHh [3H][H], bIh [3H], bHh [3H], gate blocks in the order r, z, n. */
export interface GruWeights {
  wIh: number[][];
  wHh: number[][];
  bIh: number[];
  bHh: number[];
}

/** The next hidden state from input `x` [I] and hidden state `h` [H]. */
export function gruCell(x: number[], h: number[], w: GruWeights): number[] {
  // BEGIN SOLUTION
  const H = h.length;
  const fromX = w.bIh.map((b, r) => x.reduce((s, v, i) => s + w.wIh[r][i] * v, b));
  const fromH = w.bHh.map((b, r) => h.reduce((s, v, k) => s + w.wHh[r][k] * v, b));
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
  return h.map((hj, j) => {
    const r = sigmoid(fromX[j] + fromH[j]);
    const z = sigmoid(fromX[H + j] + fromH[H + j]);
    const n = Math.tanh(fromX[2 * H + j] + r * fromH[2 * H + j]);
    return (1 - z) * n + z * hj;
  });
  // END SOLUTION
}

/** The hidden state after every step of `xs` [T][I], starting from `h0`. */
export function gruForward(xs: number[][], h0: number[], w: GruWeights): number[][] {
  // BEGIN SOLUTION
  const hiddens: number[][] = [];
  let h = h0;
  for (const x of xs) {
    h = gruCell(x, h, w);
    hiddens.push(h);
  }
  return hiddens;
  // END SOLUTION
}
