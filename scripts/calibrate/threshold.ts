/**
 * A pass threshold derived from reference runs, never typed in. An experiment exercise scores each run by one
 * number where lower is better (an error, a ratio of errors); runs of the reference answer and of a known
 * wrong answer give two samples, and the threshold sits between them, at the geometric mean of the
 * reference's high end and the wrong answer's low end, so both are the same factor (the margin) from it.
 */

export interface Sample {
  /** What was run, in words ("reference", "truncation one step shorter", ...). */
  what: string;
  scores: number[];
}

export interface Threshold {
  threshold: number;
  /** How far (as a factor) the ends of the two samples lie from the threshold, on each side. */
  margin: number;
  /** The reference's high end and the wrong answer's low end that the threshold sits between. */
  reference: number;
  wrong: number;
}

/**
 * `quantile` picks each sample's end: 1 takes the worst reference run and the best wrong run (for scores
 * without outliers); 0.9 takes the reference's 90th percentile and the wrong answer's 10th, by nearest rank
 * (for training runs, where now and then a good answer's run fails and a wrong answer's run learns by
 * accident: the judges take a majority of runs).
 * Throws when the two ends overlap: then no threshold separates them.
 */
export function thresholdBetween(reference: Sample, wrong: Sample, quantile = 1): Threshold {
  const high = quantileOf(reference.scores, quantile);
  const low = quantileOf(wrong.scores, 1 - quantile);
  if (!(high < low)) throw new Error(`the ${reference.what} (high end ${high}) and the ${wrong.what} (low end ${low}) overlap: no threshold separates them`);
  const threshold = Math.sqrt(high * low);
  return { threshold, margin: threshold / high, reference: high, wrong: low };
}

/** The value below which a fraction `q` of `values` lies (nearest rank). */
export function quantileOf(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
