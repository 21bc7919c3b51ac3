/**
 * Series: a real-valued time series, with or without dates.
 *
 * Most functions in the library take a `SeriesLike`: either a plain array of numbers (what
 * `sinusoid` returns, what the lecture builds with a list comprehension) or a dated `Series` (what
 * `loadSeries` returns). Functions that cut or transform a series give back the same kind they were
 * given.
 */
import { ArgumentError, check } from "../errors";

/** How often a series is sampled. "irregular" means the gaps between dates vary. */
export type Frequency = "daily" | "monthly" | "yearly" | "irregular";

/** A dated, named, real-valued series: `values[i]` was observed at `dates[i]` (dates ascending). */
export interface Series {
  name: string;
  dates: Date[];
  values: Float64Array;
  /** Unit of the values, e.g. "ppm", "USD", "°C". */
  unit: string;
  frequency: Frequency;
  /** Positions whose value was missing in the source and was filled by linear interpolation. */
  interpolated?: number[];
}

/** A plain array of numbers or a dated `Series`. */
export type SeriesLike = Series | ArrayLike<number>;

/**
 * The kind a function hands back for input kind `S`: a `Series` stays a `Series`, anything else is
 * a Float64Array.
 */
export type SameKind<S extends SeriesLike> = S extends Series ? Series : Float64Array;

/**
 * The sinusoid of the lecture: x_i = sin(2πi / period) for i = 0 .. n-1.
 * Kept in float64, so x_1 = sin(2π/50) = 0.12533 (the lecture's 0.1250 is a display rounding).
 */
export function sinusoid(n: number, period: number): Float64Array {
  check(Number.isInteger(n) && n > 0, "n", "a positive integer number of points", n);
  check(
    Number.isFinite(period) && period > 0,
    "period",
    "a positive number of points per cycle",
    period,
  );
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = Math.sin((2 * Math.PI * i) / period);
  return values;
}

/** True when `series` is a dated `Series` rather than a plain array. */
export function isSeries(series: SeriesLike): series is Series {
  return typeof series === "object" && series !== null && "values" in series && "dates" in series;
}

/**
 * The values of `series`, checked: a non-empty array of finite numbers. Bad input throws an
 * ArgumentError under the name `argument`, pointing at the first bad index.
 * Returns the series' own Float64Array when it has one (no copy): treat it as read-only.
 */
export function valuesOf(series: SeriesLike, argument = "series"): Float64Array {
  const isArrayLike =
    typeof series === "object" &&
    series !== null &&
    typeof (series as ArrayLike<number>).length === "number";
  if (!isSeries(series) && !isArrayLike)
    throw new ArgumentError(argument, "an array of numbers or a Series", series);
  const values = isSeries(series) ? series.values : series;
  check(values.length > 0, argument, "a non-empty series", values);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new ArgumentError(
        argument,
        "finite numbers only",
        v,
        `The bad value is at index ${i}; clean or interpolate it first`,
      );
    }
  }
  return values instanceof Float64Array ? values : Float64Array.from(values);
}

/**
 * A copy of `series` with `values` in place of its own; for a Series, dates are cut to match
 * (`start` = first position kept).
 */
export function withValues<S extends SeriesLike>(
  series: S,
  values: Float64Array,
  start = 0,
  nameSuffix = "",
): SameKind<S> {
  if (!isSeries(series)) return values as SameKind<S>;
  const end = start + values.length;
  const interpolated = series.interpolated
    ?.filter((i) => i >= start && i < end)
    .map((i) => i - start);
  const part: Series = {
    ...series,
    name: series.name + nameSuffix,
    dates: series.dates.slice(start, end),
    values,
  };
  if (interpolated) part.interpolated = interpolated;
  return part as SameKind<S>;
}
