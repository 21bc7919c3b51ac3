/**
 * Chronological split: train on the past, validate on the near future, test on the far future.
 * A time series must never be shuffled before splitting: a model validated on points that sit
 * between its training points has seen their neighbours, and its validation loss says little about
 * forecasting.
 */
import { check, checkOptions } from "../errors";
import { SameKind, SeriesLike, valuesOf, withValues } from "./series";

/**
 * Fractions of the series for each part, in time order. `test` defaults to the rest,
 * 1 - train - validation.
 */
export interface SplitRatios {
  train: number;
  validation: number;
  test?: number;
}

/** Three consecutive, non-overlapping parts of one series, each the same kind as the input. */
export interface Split<S extends SeriesLike> {
  train: SameKind<S>;
  validation: SameKind<S>;
  test: SameKind<S>;
  /** Position in the original series of each part's first point (train starts at 0). */
  start: { train: number; validation: number; test: number };
}

/**
 * Cuts `series` into train | validation | test, in that order, never shuffled. Part boundaries are
 * round(ratio sum × n); if the ratios sum to less than 1 the most recent points are left out.
 * Every part with a non-zero ratio must hold at least one window of `lookback` inputs plus a
 * target. Windows are then cut inside each part, so no window straddles two parts.
 */
export function chronologicalSplit<S extends SeriesLike>(
  series: S,
  ratios: SplitRatios,
  lookback = 1,
): Split<S> {
  const values = valuesOf(series);
  check(
    typeof ratios === "object" && ratios !== null,
    "ratios",
    "an object like { train: 0.7, validation: 0.15 }",
    ratios,
  );
  checkOptions(ratios, ["train", "validation", "test"], "ratios");
  const { train, validation } = ratios;
  // The rest of 1 - 0.7 - 0.3 is 5.6e-17, not 0: round it away so "no test part" means an empty
  // one.
  const rest = 1 - train - validation;
  const test = ratios.test ?? (rest > 1e-9 ? rest : 0);
  for (const [name, ratio] of [
    ["train", train],
    ["validation", validation],
    ["test", test],
  ] as const) {
    check(
      Number.isFinite(ratio) && ratio >= 0 && ratio <= 1,
      `ratios.${name}`,
      "a number between 0 and 1",
      ratio,
    );
  }
  check(train > 0, "ratios.train", "a fraction above 0", train);
  check(
    train + validation + test <= 1 + 1e-9,
    "ratios",
    "fractions summing to at most 1",
    ratios,
    `They sum to ${train + validation + test}`,
  );
  check(Number.isInteger(lookback) && lookback > 0, "lookback", "a positive integer", lookback);

  const n = values.length;
  const trainEnd = Math.round(train * n);
  const validationEnd = Math.round((train + validation) * n);
  const testEnd = Math.min(n, Math.round((train + validation + test) * n));
  const bounds = {
    train: [0, trainEnd],
    validation: [trainEnd, validationEnd],
    test: [validationEnd, testEnd],
  } as const;
  for (const [name, ratio] of [
    ["train", train],
    ["validation", validation],
    ["test", test],
  ] as const) {
    const size = bounds[name][1] - bounds[name][0];
    check(
      ratio === 0 || size > lookback,
      `ratios.${name}`,
      `a part of at least ${lookback + 1} points (lookback ${lookback} + 1 target) out of ${n}`,
      ratio,
      `It gives ${size} points; raise this ratio or lower the lookback`,
    );
  }
  const part = (name: keyof typeof bounds) =>
    withValues(
      series,
      values.slice(bounds[name][0], bounds[name][1]),
      bounds[name][0],
      ` (${name})`,
    );
  return {
    train: part("train"),
    validation: part("validation"),
    test: part("test"),
    start: { train: 0, validation: trainEnd, test: validationEnd },
  };
}
