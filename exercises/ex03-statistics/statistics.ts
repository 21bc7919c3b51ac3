/**
 * Exercise 3: describing a series, and splitting it into trend + seasonal + residual.
 *
 * Before any model: summary numbers (centre, spread, range), then an additive decomposition. A centred
 * moving average over one full period cancels the seasonal swing and leaves the trend; what remains,
 * averaged phase by phase, is the seasonal pattern; the rest is residual.
 */

import { NotImplementedError } from "rnn-course";

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
  throw new NotImplementedError("ex03-statistics.summarize");
}

/** Trailing moving average: out[k] = mean(series[k .. k+window)), n - window + 1 values. */
export function movingAverage(series: number[], window: number): number[] {
  throw new NotImplementedError("ex03-statistics.movingAverage");
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
  throw new NotImplementedError("ex03-statistics.decompose");
}
