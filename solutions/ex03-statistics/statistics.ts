/**
 * Exercise 3: describing a series, and splitting it into trend + seasonal + residual.
 *
 * Before any model: summary numbers (centre, spread, range), then the classical additive decomposition of
 * lecture 01 ("Descriptive statistics" and "Decomposition" say how each is computed).
 */

export interface Summary {
  mean: number;
  median: number;
  /** The variance σ² of lecture 01 (the population variance, numpy's default; not the sample variance). */
  variance: number;
  std: number;
  min: number;
  max: number;
}

export function summarize(series: number[]): Summary {
  // BEGIN SOLUTION
  const n = series.length;
  const mean = series.reduce((a, b) => a + b, 0) / n;
  const sorted = [...series].sort((a, b) => a - b);
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const variance = series.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
  return { mean, median, variance, std: Math.sqrt(variance), min: sorted[0], max: sorted[n - 1] };
  // END SOLUTION
}

/** The mean of every run of `window` consecutive values, in order: one value per run that fits in the series. */
export function movingAverage(series: number[], window: number): number[] {
  // BEGIN SOLUTION
  const out: number[] = [];
  for (let k = 0; k + window <= series.length; k++) {
    out.push(series.slice(k, k + window).reduce((a, b) => a + b, 0) / window);
  }
  return out;
  // END SOLUTION
}

/**
 * The additive decomposition series = trend + seasonal + residual, as lecture 01's "Decomposition" computes
 * it, at every position where the trend's centred window fits: from t = floor(period / 2) to the same
 * distance before the end, one entry per position in each component. The seasonal indices are averaged over
 * those positions only.
 */
export interface Decomposition {
  trend: number[];
  seasonal: number[];
  residual: number[];
}

export function decompose(series: number[], period: number): Decomposition {
  // BEGIN SOLUTION
  const h = Math.floor(period / 2);
  const positions = series.map((_, t) => t).filter((t) => t >= h && t < series.length - h);
  const trend = positions.map((t) => {
    let sum = 0;
    for (let j = -h; j <= h; j++) sum += (period % 2 === 0 && Math.abs(j) === h ? 0.5 : 1) * series[t + j];
    return sum / period;
  });
  const sums = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  positions.forEach((t, k) => {
    sums[t % period] += series[t] - trend[k];
    counts[t % period] += 1;
  });
  const phase = sums.map((s, p) => s / counts[p]);
  const offset = phase.reduce((a, b) => a + b, 0) / period;
  const seasonal = positions.map((t) => phase[t % period] - offset);
  const residual = positions.map((t, k) => series[t] - trend[k] - seasonal[k]);
  return { trend, seasonal, residual };
  // END SOLUTION
}
