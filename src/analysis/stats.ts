/**
 * Descriptive statistics of a series, computed like numpy. The library exports them as one
 * namespace, `stats` (`stats.mean(x)`, `stats.describe(x)`), so that `mean`, `min` and `max` never
 * hide tfjs's. Variance and std default to the population form (divide by n, numpy's `ddof=0`);
 * pass `ddof = 1` for the sample form (divide by n - 1), which is what pandas' `.var()`, `.std()`
 * and `.describe()` report.
 */
import { check } from "../errors";
import { SeriesLike, isSeries, valuesOf } from "../data/series";

/** Arithmetic mean. */
export function mean(series: SeriesLike): number {
  const values = valuesOf(series);
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Σ(x - mean)² / (n - ddof): population variance by default (ddof 0, like numpy), sample variance
 * with ddof 1.
 */
export function variance(series: SeriesLike, ddof = 0): number {
  const values = valuesOf(series);
  check(ddof === 0 || ddof === 1, "ddof", "0 (population) or 1 (sample)", ddof);
  check(values.length > ddof, "series", `more than ${ddof} point(s) for ddof ${ddof}`, values);
  const m = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - m) ** 2;
  return sum / (values.length - ddof);
}

/** Standard deviation, √variance (population by default, sample with ddof 1). */
export function std(series: SeriesLike, ddof = 0): number {
  return Math.sqrt(variance(series, ddof));
}

/** Smallest value. */
export function min(series: SeriesLike): number {
  return valuesOf(series).reduce((a, b) => Math.min(a, b));
}

/** Largest value. */
export function max(series: SeriesLike): number {
  return valuesOf(series).reduce((a, b) => Math.max(a, b));
}

/**
 * The q-quantile, 0 ≤ q ≤ 1, interpolating linearly between the two nearest sorted values
 * (numpy's default method): position q·(n - 1) in the sorted series.
 */
export function quantile(series: SeriesLike, q: number): number {
  check(Number.isFinite(q) && q >= 0 && q <= 1, "q", "a number between 0 and 1", q);
  const sorted = valuesOf(series).slice().sort();
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/** The middle value (mean of the two middle ones for an even count): the 0.5-quantile. */
export function median(series: SeriesLike): number {
  return quantile(series, 0.5);
}

/**
 * Autocorrelation for lags 0 .. maxLag (statsmodels' `acf`):
 * r_k = Σ_{t<n-k} (x_t - x̄)(x_{t+k} - x̄) / Σ_t (x_t - x̄)², so r_0 = 1 and |r_k| ≤ 1.
 * A sinusoid of period P gives r_P close to 1 and r_{P/2} close to -1.
 */
export function autocorrelation(series: SeriesLike, maxLag: number): Float64Array {
  const values = valuesOf(series);
  const n = values.length;
  check(
    Number.isInteger(maxLag) && maxLag >= 0 && maxLag < n,
    "maxLag",
    `an integer from 0 to ${n - 1} (series length - 1)`,
    maxLag,
  );
  const m = mean(values);
  const centred = values.map((v) => v - m);
  let total = 0;
  for (const c of centred) total += c * c;
  check(
    total > 0,
    "series",
    "a series that is not constant (its autocorrelation is undefined)",
    series,
  );
  const acf = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let sum = 0;
    for (let t = 0; t + k < n; t++) sum += centred[t] * centred[t + k];
    acf[k] = sum / total;
  }
  return acf;
}

/** A summary like pandas' `describe()` (but with population std, see the top of this file). */
export interface Description {
  name?: string;
  unit?: string;
  first?: Date;
  last?: Date;
  count: number;
  mean: number;
  std: number;
  min: number;
  q25: number;
  median: number;
  q75: number;
  max: number;
}

/**
 * count, mean, std, min, quartiles and max of a series (plus name, unit and date range for a
 * Series).
 */
export function describe(series: SeriesLike): Description {
  const values = valuesOf(series);
  const about = isSeries(series)
    ? {
        name: series.name,
        unit: series.unit,
        first: series.dates[0],
        last: series.dates[series.dates.length - 1],
      }
    : {};
  return {
    ...about,
    count: values.length,
    mean: mean(values),
    std: std(values),
    min: min(values),
    q25: quantile(values, 0.25),
    median: median(values),
    q75: quantile(values, 0.75),
    max: max(values),
  };
}
