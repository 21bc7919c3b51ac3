/**
 * Reproducibility. `seed(n)` resets one global generator; every shuffle, weight initialiser and
 * dropout mask in the library draws from it, so two runs after the same seed give the same numbers.
 */
import { check } from "./errors";

/** mulberry32: a small, fast generator of uniform floats in [0, 1), fully determined by `seed`. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let generator = mulberry32(0x9e3779b9);

/** Resets the global generator. Call once at the top of a notebook. */
export function seed(n: number): void {
  check(Number.isInteger(n), "seed", "an integer", n);
  generator = mulberry32(n);
}

/**
 * A uniform float in [0, 1) from the global generator (good enough for shuffles and initialisers).
 */
export function random(): number {
  return generator();
}

/** An integer in [0, n). */
export function randomInt(n: number): number {
  return Math.floor(random() * n);
}

/** A standard normal (Gaussian) sample, N(0, 1), by Box-Muller. */
export function gaussian(): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A seed for tfjs ops that take one (dropout, randomUniform), drawn from the global generator. */
export function nextSeed(): number {
  return randomInt(2 ** 31);
}

/** Shuffles `items` in place (Fisher-Yates) and returns it. */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * `size` floats uniform in [-bound, bound): PyTorch's default initialiser for Linear and RNN
 * weights.
 */
export function uniformArray(size: number, bound: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (2 * random() - 1) * bound;
  return out;
}

/**
 * A `rows` × `cols` matrix of plain numbers uniform in [-bound, bound), drawn row after row exactly
 * as `uniformArray(rows * cols, bound)` would be: weights for cells written with arrays (the
 * exercises).
 */
export function uniformMatrix(rows: number, cols: number, bound: number): number[][] {
  check(Number.isInteger(rows) && rows > 0, "rows", "a positive integer", rows);
  check(Number.isInteger(cols) && cols > 0, "cols", "a positive integer", cols);
  check(Number.isFinite(bound) && bound >= 0, "bound", "a finite number >= 0", bound);
  return Array.from({ length: rows }, () => Array.from(uniformArray(cols, bound)));
}
