/**
 * The experiment of exercise 4: fit the AR(L) model on changes of lecture 02 with a lookback L, and score it
 * on what follows, against persistence. The notebook runs it on a draw of its own; the grader on draws from
 * its own seed, whose continuation your code never sees (`beatsPersistence`).
 */
import { anchoredWindows, fitLinear, historyWindows, meanSquaredError, persistence } from "rnn-course";
import { seasonalSeries } from "./data";
import { THRESHOLDS } from "./thresholds";

/** What the grader asks of a judge (autograder/core/verdict.ts): a decision, and in words why. */
type Verdict = { passed: boolean; message: string };

/** Mean squared one-step errors on `future` of the model fitted on all of `given`, and of persistence. */
export function heldOutErrors(given: number[], future: number[], lookback: number): { model: number; persistence: number } {
  const model = fitLinear(anchoredWindows(historyWindows(given, lookback)));
  const windows = historyWindows([...given.slice(-lookback), ...future], lookback);
  const changes = anchoredWindows(windows);
  return { model: meanSquaredError(model.predict(changes), changes), persistence: meanSquaredError(persistence(windows), windows) };
}

/**
 * The judge: fitted on the part of the draw your code saw, with your lookback, does the model's error on the
 * continuation stay under THRESHOLDS.ratio times persistence's?
 */
export function beatsPersistence(lookback: unknown, period: number, seed: number): Verdict {
  const { given, future } = seasonalSeries(period, seed);
  const most = Math.floor(given.length / 3);
  if (!Number.isInteger(lookback) || (lookback as number) < 2 || (lookback as number) > most) {
    return { passed: false, message: `the lookback should be an integer from 2 to ${most} (a third of the ${given.length} values), got ${JSON.stringify(lookback)}` };
  }
  const errors = heldOutErrors(given, future, lookback as number);
  const ratio = errors.model / errors.persistence;
  const verdict = ratio <= THRESHOLDS.ratio ? "under" : "over";
  return {
    passed: ratio <= THRESHOLDS.ratio,
    message:
      `with L = ${lookback}, the model's error on the ${future.length} held-out values is ${ratio.toFixed(3)} of persistence's, ` +
      `${verdict} the ${THRESHOLDS.ratio.toFixed(3)} asked for (season of this series: ${period} steps)`,
  };
}
