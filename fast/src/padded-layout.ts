/**
 * Moving arrays between the contract's layout and the fast kernel's.
 *
 * The contract is batch-first ([B, T, n]) with PyTorch's weight layout. Inside, the fast kernel is
 * time-major ([T, B, n]: each step's rows are contiguous, and all steps form one [T·B, n] matrix; the SIMD
 * module's toTimeMajor / toBatchFirst move sequences) and rounds every feature width up to a multiple of 4
 * (one SIMD vector) with zeros. Zero padding is inert: a padded hidden unit has zero weights in and out, so
 * its state stays exactly 0 and nothing leaks. The helpers here move the small arrays: weights and states.
 */

/** n rounded up to a multiple of 4. */
export function padded(n: number): number {
  return Math.ceil(n / 4) * 4;
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

/** dst[to ..< to + n] = src[from ..< from + n]. */
function copy(src: Float32Array, from: number, dst: Float32Array, to: number, n: number): void {
  for (let j = 0; j < n; j++) dst[to + j] = src[from + j];
}
