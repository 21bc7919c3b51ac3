/**
 * Moving arrays between the contract's layout and the fast kernel's.
 *
 * The contract is batch-first ([B, T, n]) with PyTorch's weight layout. Inside, the fast kernel is
 * time-major ([T, B, n]: each step's rows are contiguous, and all steps form one [T·B, n] matrix) and
 * rounds every feature width up to a multiple of 4 (one SIMD vector) with zeros. Zero padding is inert: a
 * padded hidden unit has zero weights in and out, so its state stays exactly 0 and nothing leaks.
 */

/** n rounded up to a multiple of 4. */
export function padded(n: number): number {
  return Math.ceil(n / 4) * 4;
}

/** heap[at + (t·B + b)·np + j] = src[(b·T + t)·n + j]; padding zeroed. */
export function toTimeMajor(src: Float32Array, batch: number, steps: number, n: number, heap: Float32Array, at: number, np: number): void {
  heap.fill(0, at, at + steps * batch * np);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < steps; t++) {
      copy(src, (b * steps + t) * n, heap, at + (t * batch + b) * np, n);
    }
  }
}

/** The inverse of `toTimeMajor`: a fresh [B, T, n] array. */
export function toBatchFirst(heap: Float32Array, at: number, np: number, batch: number, steps: number, n: number): Float32Array {
  const out = new Float32Array(batch * steps * n);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < steps; t++) {
      copy(heap, at + (t * batch + b) * np, out, (b * steps + t) * n, n);
    }
  }
  return out;
}

/**
 * Rows of `src` ([blocks·h, n], e.g. the G gate blocks of a weight matrix) into [blocks·hp, np]: each block's
 * rows padded to hp and each row to np, with zeros.
 */
export function padRows(src: Float32Array, blocks: number, h: number, n: number, heap: Float32Array, at: number, hp: number, np: number): void {
  heap.fill(0, at, at + blocks * hp * np);
  for (let g = 0; g < blocks; g++) {
    for (let j = 0; j < h; j++) {
      copy(src, (g * h + j) * n, heap, at + (g * hp + j) * np, n);
    }
  }
}

/** The inverse of `padRows`: a fresh [blocks·h, n] array. */
export function unpadRows(heap: Float32Array, at: number, hp: number, np: number, blocks: number, h: number, n: number): Float32Array {
  const out = new Float32Array(blocks * h * n);
  for (let g = 0; g < blocks; g++) {
    for (let j = 0; j < h; j++) {
      copy(heap, at + (g * hp + j) * np, out, (g * h + j) * n, n);
    }
  }
  return out;
}

/** A plain loop: for rows this short it beats `set(subarray(...))`, which allocates a view per row. */
function copy(src: Float32Array, from: number, dst: Float32Array, to: number, n: number): void {
  for (let j = 0; j < n; j++) dst[to + j] = src[from + j];
}
