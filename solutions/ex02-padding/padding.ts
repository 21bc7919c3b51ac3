/**
 * Exercise 2: padding and truncation.
 *
 * The ideal history of x_t is everything before it, which grows with t; a network with a fixed number of
 * inputs needs a fixed length. Too long: keep the most recent values (truncate). Too short: put zeros in
 * front (pad), so the real values stay next to the present.
 */

/** `history` cut or padded to exactly `length` values: the last `length` values, or zeros in front of it all. */
export function fitHistory(history: number[], length: number): number[] {
  // BEGIN SOLUTION
  if (history.length >= length) return history.slice(history.length - length);
  return [...new Array<number>(length - history.length).fill(0), ...history];
  // END SOLUTION
}

/**
 * For every position of `series`, in order: the history before it (every value that came earlier), fitted to
 * `length` values. Nothing came before the first value, so its row is all padding.
 */
export function fixedHistories(series: number[], length: number): number[][] {
  // BEGIN SOLUTION
  return series.map((_, t) => fitHistory(series.slice(0, t), length));
  // END SOLUTION
}

/** Sequences of different lengths in one rectangular batch: zeros appended up to the longest, and a mask. */
export interface PaddedBatch {
  /** `padded[k]`: sequence k followed by zeros. */
  padded: number[][];
  /** `mask[k][t]` is 1 where `padded[k][t]` is a real value, 0 where it is padding. */
  mask: number[][];
}

/** Pads every sequence at its end to the longest one's length. */
export function padBatch(sequences: number[][]): PaddedBatch {
  // BEGIN SOLUTION
  const longest = Math.max(0, ...sequences.map((s) => s.length));
  return {
    padded: sequences.map((s) => [...s, ...new Array<number>(longest - s.length).fill(0)]),
    mask: sequences.map((s) => Array.from({ length: longest }, (_, t) => (t < s.length ? 1 : 0))),
  };
  // END SOLUTION
}
