/**
 * Exercise 3: describing a series, and splitting it into trend + seasonal + residual.
 *
 * Before any model: summary numbers (centre, spread, range), then the classical additive decomposition of
 * lecture 01 ("Descriptive statistics" and "Decomposition" say how each is computed).
 */

import { NotImplementedError } from "rnn-course";

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
  throw new NotImplementedError("ex03-statistics.summarize");
}

/** The mean of every run of `window` consecutive values, in order: one value per run that fits in the series. */
export function movingAverage(series: number[], window: number): number[] {
  throw new NotImplementedError("ex03-statistics.movingAverage");
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
  throw new NotImplementedError("ex03-statistics.decompose");
}
