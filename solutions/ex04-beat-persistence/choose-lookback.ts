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
// BEGIN SOLUTION
import { anchoredWindows, fitLinear, historyWindows, meanSquaredError } from "rnn-course";
// END SOLUTION

/**
 * A lookback L (an integer from 2 to a third of `series.length`) with which the AR(L) model on changes, fitted
 * on all of `series`, predicts the series' next values one step at a time with clearly less error than
 * persistence does.
 */
export function chooseLookback(series: number[]): number {
  // BEGIN SOLUTION
  // Hold out the last fifth as validation, fit every candidate on the rest, and keep the smallest L within
  // 5 % of the best validation error (lecture 02's rule: several L score alike, and fewer weights overfit less).
  const cut = Math.round(0.8 * series.length);
  const candidates = Array.from({ length: Math.floor(cut / 4) - 1 }, (_, i) => i + 2);
  const errors = candidates.map((L) => validationError(series, cut, L));
  const best = Math.min(...errors);
  return candidates[errors.findIndex((error) => error <= 1.05 * best)];
  // END SOLUTION
}

// BEGIN SOLUTION
/** The error on series[cut..] of the AR(L) model on changes fitted on series[..cut]. */
function validationError(series: number[], cut: number, L: number): number {
  const model = fitLinear(anchoredWindows(historyWindows(series.slice(0, cut), L)));
  const validation = anchoredWindows(historyWindows(series.slice(cut - L), L));
  return meanSquaredError(model.predict(validation), validation);
}
// END SOLUTION
