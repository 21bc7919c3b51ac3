/**
 * Exercise 9: backpropagation through time for a vanilla RNN, by hand.
 *
 * A vanilla RNN with a linear head predicts one number after every step of a sequence; the loss is the mean
 * squared error over the T steps. Lecture 04 ("Unrolling" and "Backpropagation through time by hand, on a
 * tiny example") derives its gradient; here you compute it for every parameter, with plain arrays.
 */

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
  // BEGIN SOLUTION
  const hs: number[][] = [];
  let h = h0;
  for (const x of xs) {
    h = m.bIh.map((b, j) => Math.tanh(b + m.bHh[j] + dot(m.wIh[j], x) + dot(m.wHh[j], h)));
    hs.push(h);
  }
  return hs;
  // END SOLUTION
}

/** The mean squared error between the head's prediction after each step and `targets` [T]. */
export function sequenceLoss(xs: number[][], targets: number[], h0: number[], m: RnnRegressor): number {
  // BEGIN SOLUTION
  const hs = hiddenStates(xs, h0, m);
  return hs.reduce((sum, h, t) => sum + (dot(m.wHy, h) + m.bHy - targets[t]) ** 2, 0) / xs.length;
  // END SOLUTION
}

/** The gradient of `sequenceLoss` with respect to every parameter, and to h0. */
export function sequenceGradients(xs: number[][], targets: number[], h0: number[], m: RnnRegressor): Gradients {
  // BEGIN SOLUTION
  const T = xs.length;
  const hs = hiddenStates(xs, h0, m);
  const g: Gradients = {
    wIh: m.wIh.map((row) => row.map(() => 0)),
    wHh: m.wHh.map((row) => row.map(() => 0)),
    bIh: m.bIh.map(() => 0),
    bHh: m.bHh.map(() => 0),
    wHy: m.wHy.map(() => 0),
    bHy: 0,
    h0: [],
  };
  let fromNext = h0.map(() => 0); // ∂loss/∂h_t arriving from step t+1 (nothing after the last step)
  for (let t = T - 1; t >= 0; t--) {
    const h = hs[t];
    const hPrev = t > 0 ? hs[t - 1] : h0;
    const dy = (2 * (dot(m.wHy, h) + m.bHy - targets[t])) / T;
    g.bHy += dy;
    h.forEach((v, j) => (g.wHy[j] += dy * v));
    const da = h.map((v, j) => (dy * m.wHy[j] + fromNext[j]) * (1 - v * v));
    da.forEach((d, j) => {
      g.bIh[j] += d;
      g.bHh[j] += d;
      xs[t].forEach((x, i) => (g.wIh[j][i] += d * x));
      hPrev.forEach((p, k) => (g.wHh[j][k] += d * p));
    });
    fromNext = hPrev.map((_, k) => da.reduce((sum, d, j) => sum + d * m.wHh[j][k], 0));
  }
  g.h0 = fromNext;
  return g;
  // END SOLUTION
}

// BEGIN SOLUTION
function dot(a: number[], b: number[]): number {
  return a.reduce((sum, v, i) => sum + v * b[i], 0);
}
// END SOLUTION
