/**
 * Windows: turning one long series into many (input, target) training pairs.
 *
 * History windows (the lecture's `CustomSeriesDataset`): the last `lookback` values predict the next one,
 *   inputs x[t .. t+L), target x[t+L]; or, for forecasting h steps ahead directly (`horizonWindows`), the
 *   next h values, targets x[t+L .. t+L+h).
 * Sequence windows (many-to-many, for recurrent models): predict the next value at every step,
 *   inputs x[t .. t+L), targets x[t+1 .. t+L+1).
 *
 * Difference from the lecture: its dataset builds `range(len(datapoints) - history_len - 1)` windows and so
 * drops the last one (the window whose target is the final point). A series of n points has n - L history
 * windows, and `historyWindows` returns all of them.
 */
import { check } from "./errors";
import { SeriesLike, valuesOf } from "./series";

/** (input, target) pairs cut from one series; window k covers series positions `start[k]` onwards. */
export interface Windows {
  /**
   * "history": the targets follow the whole window (many-to-one, or many-to-h for `horizonWindows`);
   * "sequence": one target per input step, the inputs shifted by one (many-to-many).
   */
  kind: "history" | "sequence";
  /** `inputs[k]`: the `lookback` values window k sees. */
  inputs: number[][];
  /**
   * `targets[k]`: for history windows the values after the inputs, the same number for every window (1 from
   * `historyWindows`, h from `horizonWindows`); for sequence windows `lookback` values.
   */
  targets: number[][];
  /**
   * `start[k]`: series position of the first input value of window k (its target follows the inputs).
   * Negative for zero-padded windows: the zeros stand in for positions before the series began.
   */
  start: number[];
  /** Input length L of every window. */
  lookback: number;
}

/**
 * Every history window of `series`: inputs x[t .. t+L), target [x[t+L]], for t = 0 .. n-L-1 (n - L windows).
 * With the lecture's sinusoid (period 50) and lookback 2, window 3 is [0.3681, 0.4818] → [0.5878].
 */
export function historyWindows(series: SeriesLike, lookback: number): Windows {
  const values = valuesOf(series);
  checkLookback(lookback, values.length);
  const windows: Windows = { kind: "history", inputs: [], targets: [], start: [], lookback };
  for (let t = 0; t + lookback < values.length; t++) {
    windows.inputs.push(Array.from(values.subarray(t, t + lookback)));
    windows.targets.push([values[t + lookback]]);
    windows.start.push(t);
  }
  return windows;
}

/**
 * Sequence windows for many-to-many training: inputs x[t .. t+L), targets x[t+1 .. t+L+1), for
 * t = 0, stride, 2·stride, ... as long as the targets fit (floor((n - L - 1) / stride) + 1 windows).
 * stride 1 gives overlapping windows (one per start); stride L gives back-to-back windows.
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

/** Throws unless `lookback` is a positive integer and a series of `length` points holds one window (L + 1 points). */
export function checkLookback(lookback: number, length: number): void {
  check(Number.isInteger(lookback) && lookback > 0, "lookback", "a positive integer", lookback);
  check(
    lookback < length,
    "lookback",
    `at most ${length - 1} for a series of ${length} points (one window needs lookback + 1 points)`,
    lookback,
  );
}
