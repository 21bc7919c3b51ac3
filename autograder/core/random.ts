/**
 * Seeded inputs for cases: each draw has its own generator (mulberry32), so the cases a student sees and
 * the hidden ones the autograder draws never depend on the library's global seed.
 */
import { mulberry32 } from "../../src/seed";

/** A generator of uniform floats in [0, 1), fully determined by `seed` (the library's mulberry32). */
export const rng: (seed: number) => () => number = mulberry32;

/** `n` values uniform in [-scale, scale), rounded to 4 decimals so a case reads well when printed. */
export function vector(rand: () => number, n: number, scale = 1): number[] {
  return Array.from({ length: n }, () => Math.round((2 * rand() - 1) * scale * 1e4) / 1e4);
}

/** A `rows` × `cols` matrix of `vector` rows. */
export function matrix(rand: () => number, rows: number, cols: number, scale = 1): number[][] {
  return Array.from({ length: rows }, () => vector(rand, cols, scale));
}

/** The lecture's sinusoid x_i = sin(2πi / period), i = 0 .. n-1, as a plain array. */
export function sine(n: number, period: number, phase = 0): number[] {
  return Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * i) / period + phase));
}

/** Linear layers for sizes [in, hidden..., out], PyTorch layout and scale (uniform ±1/√in). */
export function linearLayers(rand: () => number, sizes: number[]): { weight: number[][]; bias: number[] }[] {
  return sizes.slice(1).map((out, k) => {
    const bound = 1 / Math.sqrt(sizes[k]);
    return { weight: matrix(rand, out, sizes[k], bound), bias: vector(rand, out, bound) };
  });
}

/**
 * Recurrent weights in PyTorch's layout, `gates` blocks stacked in the rows (RNN 1, LSTM 4 as i,f,g,o,
 * GRU 3 as r,z,n): wIh [gates·H][I], wHh [gates·H][H], bIh and bHh [gates·H], uniform ±1/√H like nn.RNN.
 */
export function recurrentWeights(rand: () => number, gates: number, input: number, hidden: number) {
  const bound = 1 / Math.sqrt(hidden);
  return {
    wIh: matrix(rand, gates * hidden, input, bound),
    wHh: matrix(rand, gates * hidden, hidden, bound),
    bIh: vector(rand, gates * hidden, bound),
    bHh: vector(rand, gates * hidden, bound),
  };
}
