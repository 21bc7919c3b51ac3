/**
 * Variable-length histories made fixed-length, the lecture's "quick fix" before memory (RNNs):
 * the full history h_t = (x_0, ..., x_{t-1}) grows with t, but an MLP needs a fixed input size l, so
 * long histories are truncated to their last l values and short ones are padded with zeros on the left.
 */
import { check } from "./errors";
import { SeriesLike, valuesOf } from "./series";
import { Windows } from "./windows";

/**
 * `history` made exactly `length` long: the last `length` values if it is longer, else zeros on the
 * left followed by the whole history (padHistory([1, 2], 4) = [0, 0, 1, 2]).
 */
export function padHistory(history: ArrayLike<number>, length: number): number[] {
  check(Number.isInteger(length) && length > 0, "length", "a positive integer", length);
  const kept = Array.from(history).slice(-length);
  return [...new Array<number>(length - kept.length).fill(0), ...kept];
}

/**
 * One window per time step t = 1 .. n-1: input = the whole history x[0 .. t) through `padHistory` to
 * `length`, target = [x[t]]. The first `length - 1` windows are zero-padded; later ones are truncated,
 * and from t = length on they equal `historyWindows(series, length)`.
 */
export function paddedHistoryWindows(series: SeriesLike, length: number): Windows {
  const values = valuesOf(series);
  check(Number.isInteger(length) && length > 0, "length", "a positive integer", length);
  check(values.length >= 2, "series", "at least 2 points (one history value and one target)", values);
  const windows: Windows = { kind: "history", inputs: [], targets: [], start: [], lookback: length };
  for (let t = 1; t < values.length; t++) {
    windows.inputs.push(padHistory(values.subarray(0, t), length));
    windows.targets.push([values[t]]);
    windows.start.push(t - length);
  }
  return windows;
}
