/**
 * Exercise 1: lookback windows.
 *
 * One value x_t cannot tell whether the sinusoid is going up or down, so the model sees a history: the last
 * `lookback` values. Every position of the series then gives one training pair, (lookback values → the
 * `horizon` values that follow).
 */

import { NotImplementedError } from "rnn-course";

/** Training pairs: `inputs[k]` are `lookback` consecutive values, `targets[k]` the `horizon` values after them. */
export interface Pairs {
  inputs: number[][];
  targets: number[][];
}

/**
 * How many (input, target) pairs a series of `n` points gives: one for every start position whose window
 * and targets both fit (0 when the series is too short).
 */
export function countPairs(n: number, lookback: number, horizon: number): number {
  throw new NotImplementedError("ex01-lookback.countPairs");
}

/**
 * Every pair of `series`, in order of its start: `lookback` consecutive values as input and the `horizon`
 * values that come right after them as target, for every start whose input and target both fit in the series.
 * With horizon 1 this is the lecture's history dataset (lecture 02, "History"), keeping its last pair too.
 */
export function lookbackPairs(series: number[], lookback: number, horizon: number): Pairs {
  throw new NotImplementedError("ex01-lookback.lookbackPairs");
}
