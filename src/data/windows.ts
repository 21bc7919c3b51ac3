/**
 * Windows: turning one long series into many (input, target) training pairs, every kind the course
 * uses.
 *
 *   history    the last L values predict the next one (the lecture's `CustomSeriesDataset`):
 *              inputs x[t .. t+L), target x[t+L]                              historyWindows
 *   horizon    ... or the next h values at once, for forecasting h steps directly:
 *              inputs x[t .. t+L), targets x[t+L .. t+L+h)                    horizonWindows
 *   padded     the whole history so far, cut or zero-padded to L values (the lecture's "quick fix" before
 *              memory): inputs padHistory(x[0 .. t), L), target x[t]         paddedHistoryWindows
 *   sequence   a target at every step (many-to-many, for recurrent models):
 *              inputs x[t .. t+L), targets x[t+1 .. t+L+1)                    sequenceWindows
 *   anchored   history windows moved so their last input is 0: changes instead of levels   anchoredWindows
 *
 * Difference from the lecture: its dataset builds `range(len(datapoints) - history_len - 1)`
 * windows and so drops the last one (the window whose target is the final point). A series of n
 * points has n - L history windows, and `historyWindows` returns all of them.
 */
import { check, checkRows } from "../errors";
import { SeriesLike, valuesOf } from "./series";

/**
 * (input, target) pairs cut from one series; window k covers series positions `start[k]` onwards.
 */
export interface Windows {
  /**
   * "history": the targets follow the whole window (many-to-one, or many-to-h for
   * `horizonWindows`); "sequence": one target per input step, the inputs shifted by one
   * (many-to-many).
   */
  kind: "history" | "sequence";
  /** `inputs[k]`: the `lookback` values window k sees. */
  inputs: number[][];
  /**
   * `targets[k]`: for history windows the values after the inputs, the same number for every window
   * (1 from `historyWindows`, h from `horizonWindows`); for sequence windows `lookback` values.
   */
  targets: number[][];
  /**
   * `start[k]`: series position of the first input value of window k (its target follows the
   * inputs). Negative for zero-padded windows: the zeros stand in for positions before the series
   * began.
   */
  start: number[];
  /** Input length L of every window. */
  lookback: number;
}

/**
 * Every history window of `series`: inputs x[t .. t+L), target [x[t+L]], for t = 0 .. n-L-1 (n - L
 * windows). With the lecture's sinusoid (period 50) and lookback 2, window 3 is [0.3681,
 * 0.4818] → [0.5878].
 */
export function historyWindows(series: SeriesLike, lookback: number): Windows {
  return horizonWindows(series, lookback, 1);
}

/**
 * History windows whose targets are the next `horizon` values: inputs x[t .. t+L), targets x[t+L ..
 * t+L+h). With horizon 1 they are exactly `historyWindows(series, lookback)`.
 */
export function horizonWindows(series: SeriesLike, lookback: number, horizon: number): Windows {
  const values = valuesOf(series);
  check(
    Number.isInteger(horizon) && horizon > 0,
    "horizon",
    "a positive integer (steps ahead)",
    horizon,
  );
  checkLookback(lookback, values.length);
  check(
    lookback + horizon <= values.length,
    "horizon",
    `at most ${values.length - lookback} for a series of ${values.length} points and lookback ${lookback}`,
    horizon,
  );
  const windows: Windows = { kind: "history", inputs: [], targets: [], start: [], lookback };
  for (let t = 0; t + lookback + horizon <= values.length; t++) {
    windows.inputs.push(Array.from(values.subarray(t, t + lookback)));
    windows.targets.push(Array.from(values.subarray(t + lookback, t + lookback + horizon)));
    windows.start.push(t);
  }
  return windows;
}

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
 * One window per time step t = 1 .. n-1: input = the whole history x[0 .. t) through `padHistory`
 * to `length`, target = [x[t]]. The full history grows with t, but an MLP needs a fixed input size,
 * so the first `length - 1` windows are zero-padded and later ones truncated; from t = length on
 * they equal `historyWindows(series, length)`.
 */
export function paddedHistoryWindows(series: SeriesLike, length: number): Windows {
  const values = valuesOf(series);
  check(Number.isInteger(length) && length > 0, "length", "a positive integer", length);
  check(
    values.length >= 2,
    "series",
    "at least 2 points (one history value and one target)",
    values,
  );
  const windows: Windows = {
    kind: "history",
    inputs: [],
    targets: [],
    start: [],
    lookback: length,
  };
  for (let t = 1; t < values.length; t++) {
    windows.inputs.push(padHistory(values.subarray(0, t), length));
    windows.targets.push([values[t]]);
    windows.start.push(t - length);
  }
  return windows;
}

/**
 * Sequence windows for many-to-many training: inputs x[t .. t+L), targets x[t+1 .. t+L+1), for
 * t = 0, stride, 2·stride, ... as long as the targets fit (floor((n - L - 1) / stride) + 1
 * windows). stride 1 gives overlapping windows (one per start); stride L gives back-to-back
 * windows.
 */
export function sequenceWindows(series: SeriesLike, lookback: number, stride = 1): Windows {
  const values = valuesOf(series);
  checkLookback(lookback, values.length);
  check(Number.isInteger(stride) && stride > 0, "stride", "a positive integer", stride);
  const windows: Windows = { kind: "sequence", inputs: [], targets: [], start: [], lookback };
  for (let t = 0; t + lookback < values.length; t += stride) {
    windows.inputs.push(Array.from(values.subarray(t, t + lookback)));
    windows.targets.push(Array.from(values.subarray(t + 1, t + lookback + 1)));
    windows.start.push(t);
  }
  return windows;
}

/** Windows re-expressed relative to their last input (see `anchoredWindows`). */
export interface AnchoredWindows extends Windows {
  /** anchors[k]: the last input of window k, in the series' units. */
  anchors: number[];
  /** The common divisor of every anchored value. */
  scale: number;
}

/**
 * The same history windows, each moved so that its last input is 0 and divided by `scale`:
 * (value - anchor) / scale. A model trained on levels only knows the range of levels it saw, and on
 * a trending series (CO₂) validation and test levels lie above anything in training; anchored, it
 * learns changes, whose range does not drift with the trend. Nothing is lost: prediction + anchor
 * gives the level back with the same error, and persistence becomes the model that always predicts
 * 0. On log prices every window becomes scale-free (0.1 is +10.5 % whatever the price), so a model
 * trained on one stock can read another. `unanchor` maps predictions back.
 */
export function anchoredWindows(windows: Windows, scale = 1): AnchoredWindows {
  check(
    Array.isArray(windows?.inputs) && windows.inputs.length > 0,
    "windows",
    "windows from historyWindows or horizonWindows",
    windows,
  );
  check(
    windows.kind === "history",
    "windows.kind",
    '"history" (targets that follow the window)',
    windows.kind,
  );
  check(Number.isFinite(scale) && scale > 0, "scale", "a positive number", scale);
  const anchors = windows.inputs.map((input) => input[input.length - 1]);
  const shift = (rows: number[][]) =>
    rows.map((row, k) => row.map((v) => (v - anchors[k]) / scale));
  return {
    ...windows,
    inputs: shift(windows.inputs),
    targets: shift(windows.targets),
    start: [...windows.start],
    anchors,
    scale,
  };
}

/**
 * Predictions [N][h] made on anchored windows, back in the series' units:
 * anchor + scale · prediction.
 */
export function unanchor(predictions: number[][], windows: AnchoredWindows): number[][] {
  checkRows(predictions, "predictions");
  check(
    Array.isArray(windows?.anchors) && windows.anchors.length === predictions.length,
    "windows",
    `the anchored windows the ${predictions.length} predictions were made on`,
    windows,
  );
  return predictions.map((row, k) => row.map((v) => windows.anchors[k] + windows.scale * v));
}

/**
 * Throws unless `lookback` is a positive integer and a series of `length` points holds one window
 * (L + 1 points).
 */
export function checkLookback(lookback: number, length: number): void {
  check(Number.isInteger(lookback) && lookback > 0, "lookback", "a positive integer", lookback);
  check(
    lookback < length,
    "lookback",
    `at most ${length - 1} for a series of ${length} points (one window needs lookback + 1 points)`,
    lookback,
  );
}
