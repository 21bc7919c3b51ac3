/**
 * Exercise 4: choose the lookback that beats persistence on data you will never see.
 *
 * Lecture 02 ("Choosing a lookback") compares lookbacks by their error on a validation part, against
 * persistence, and ("Classical models") fits the AR(L) model on changes: `fitLinear` on
 * `anchoredWindows(historyWindows(series, L))`, an ARIMA(L - 1, 1, 0). Here a series arrives whose season you do
 * not know in advance, and your code must pick L for that model from the series alone. The grader then fits
 * the model with your L on the whole series and scores it on the series' continuation, which your code never
 * sees, against persistence.
 */

import { NotImplementedError } from "rnn-course";

/**
 * A lookback L (an integer from 2 to a third of `series.length`) with which the AR(L) model on changes, fitted
 * on all of `series`, predicts the series' next values one step at a time with clearly less error than
 * persistence does.
 */
export function chooseLookback(series: number[]): number {
  throw new NotImplementedError("ex04-beat-persistence.chooseLookback");
}
