/**
 * Synthetic sequence tasks whose difficulty is one number: how far back the answer lies. Both are
 * built from coin flips s = ±1, so guessing 0 scores an MSE of exactly 1: a loss near 1 means
 * "nothing remembered", near 0 "remembered".
 *
 * Recall (many-to-one, long memory): a sequence opens with a signal s, followed by `lag` steps of
 * distractor noise; the target, read after the last step, is s. Nothing after the first step says
 * anything about s, so a model that answers right has carried s through its memory for `lag` steps
 * — and training it sends a gradient back those same `lag` steps.
 *
 * Echo (many-to-many, short memory): every step is a coin flip, and the target at step t is the
 * input `delay` steps earlier. Trained with truncated backpropagation through time in chunks of k
 * steps, it is learnable only when k > delay: otherwise no gradient ever connects a target to the
 * input it echoes.
 *
 *   const data = recallWindows({ count: 512, lag: 20 });
 *   const loader = new DataLoader(data, { batchSize: 32, shuffle: true, featureAxis: true }); // [32, 21, 1] → [32, 1]
 *
 * The sequences are windows (kind "history" for recall, "sequence" for echo), so DataLoader and fit
 * take them as they take windows cut from a series.
 */
import { check, checkOptions } from "../errors";
import { random, gaussian } from "../seed";
import type { Windows } from "./windows";

export interface RecallOptions {
  /** Number of sequences. */
  count: number;
  /**
   * Steps of noise between the signal and the moment it is asked for; sequences have lag + 1 steps.
   */
  lag: number;
  /** Standard deviation of the Gaussian distractors (default 1: as loud as the signal). */
  noise?: number;
}

/**
 * `count` recall sequences, drawn from the global generator (`seed(n)` makes them repeat):
 * inputs[k] = [s, ε_1, ..., ε_lag] with s = ±1 and ε ~ N(0, noise²); targets[k] = [s].
 * `start[k]` = k·(lag + 1): where sequence k would begin if the sequences were laid end to end.
 */
export function recallWindows(options: RecallOptions): Windows {
  check(
    typeof options === "object" && options !== null,
    "options",
    "an object { count, lag, noise? }",
    options,
  );
  checkOptions(options, ["count", "lag", "noise"], "recallWindows options");
  const { count, lag, noise = 1 } = options;
  checkCount(count);
  check(
    Number.isInteger(lag) && lag >= 0,
    "lag",
    "an integer >= 0 (noise steps after the signal)",
    lag,
  );
  check(Number.isFinite(noise) && noise >= 0, "noise", "a standard deviation >= 0", noise);
  const windows: Windows = {
    kind: "history",
    inputs: [],
    targets: [],
    start: [],
    lookback: lag + 1,
  };
  for (let k = 0; k < count; k++) {
    const signal = coin();
    windows.inputs.push([signal, ...Array.from({ length: lag }, () => noise * gaussian())]);
    windows.targets.push([signal]);
    windows.start.push(k * (lag + 1));
  }
  return windows;
}

export interface EchoOptions {
  /** Number of sequences. */
  count: number;
  /** Time steps per sequence. */
  steps: number;
  /** How many steps back the target looks: target[t] = input[t - delay]. */
  delay: number;
}

/**
 * `count` echo sequences of coin flips: inputs[k][t] = ±1, targets[k][t] = inputs[k][t - delay],
 * and 0 for t < delay (nothing to echo yet). `start[k]` = k·steps, as for recallWindows.
 */
export function echoWindows(options: EchoOptions): Windows {
  check(
    typeof options === "object" && options !== null,
    "options",
    "an object { count, steps, delay }",
    options,
  );
  checkOptions(options, ["count", "steps", "delay"], "echoWindows options");
  const { count, steps, delay } = options;
  checkCount(count);
  check(
    Number.isInteger(steps) && steps > 0,
    "steps",
    "a positive integer (time steps per sequence)",
    steps,
  );
  check(
    Number.isInteger(delay) && delay >= 0 && delay < steps,
    "delay",
    `an integer in [0, ${steps - 1}] (less than steps)`,
    delay,
  );
  const windows: Windows = {
    kind: "sequence",
    inputs: [],
    targets: [],
    start: [],
    lookback: steps,
  };
  for (let k = 0; k < count; k++) {
    const flips = Array.from({ length: steps }, coin);
    windows.inputs.push(flips);
    windows.targets.push(flips.map((_, t) => (t < delay ? 0 : flips[t - delay])));
    windows.start.push(k * steps);
  }
  return windows;
}

function coin(): number {
  return random() < 0.5 ? -1 : 1;
}

function checkCount(count: number): void {
  check(
    Number.isInteger(count) && count > 0,
    "count",
    "a positive integer (number of sequences)",
    count,
  );
}
