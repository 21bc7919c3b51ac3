/**
 * Exercise 3: describing a series, and splitting it into trend + seasonal + residual.
 *
 * Before any model: summary numbers (centre, spread, range), then an additive decomposition. A centred
 * moving average over one full period cancels the seasonal swing and leaves the trend; what remains,
 * averaged phase by phase, is the seasonal pattern; the rest is residual.
 */

export interface Summary {
  mean: number;
  median: number;
  /** Population variance: the mean squared distance to the mean (divide by n, as numpy's default). */
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

/** Trailing moving average: out[k] = mean(series[k .. k+window)), n - window + 1 values. */
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
 * The components at positions t = h .. n-1-h, where h = floor(period / 2) (the centred window must fit):
 * - trend[k]: centred moving average around t = h + k over one period. Odd period: plain mean of
 *   series[t-h .. t+h]. Even period: the two end values get weight 1/(2·period), the others 1/period.
 * - seasonal[k]: the average of (series - trend) over all kept positions with the same phase t mod period,
 *   shifted so that the `period` phase averages sum to zero.
 * - residual[k] = series[t] - trend[k] - seasonal[k].
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
