/**
 * Exponential smoothing, a classical forecaster (lecture 02): the forecast is a running average of
 * the past whose weights shrink geometrically with age. With `alpha` alone it tracks a level
 * (simple exponential smoothing); `beta` adds a trend and `gamma` with `period` a season (additive
 * Holt–Winters):
 *
 *   level   ℓ_t = α (x_t − s_{t−m}) + (1 − α)(ℓ_{t−1} + b_{t−1})
 *   trend   b_t = β (ℓ_t − ℓ_{t−1}) + (1 − β) b_{t−1}
 *   season  s_t = γ (x_t − ℓ_{t−1} − b_{t−1}) + (1 − γ) s_{t−m}
 *   forecast of x_{t+1}:  ℓ_t + b_t + s_{t+1−m}
 *
 * (the equations of Hyndman and Athanasopoulos' "Forecasting: principles and practice", and of
 * statsmodels' ExponentialSmoothing, which the tests compare against).
 */
import { check, checkOptions } from "../errors";
import { SeriesLike, valuesOf } from "../data/series";

export interface SmoothingOptions {
  /** How fast the level follows new values, in (0, 1]. */
  alpha: number;
  /** How fast the trend follows, in [0, 1]; without it, no trend. */
  beta?: number;
  /** How fast the seasonal pattern follows, in [0, 1]; needs `period`. */
  gamma?: number;
  /** The season's length in steps (12 for monthly data with a yearly cycle). */
  period?: number;
}

/**
 * One-step-ahead forecasts: `forecasts[t]` predicts `series[t]` from `series[0 .. t-1]` only. The
 * starting level, trend and season come from the first one or two periods (the first two values
 * without a season), so the forecasts of those first steps have seen their targets: score from
 * `warmUp(options)` on.
 */
export function exponentialSmoothing(series: SeriesLike, options: SmoothingOptions): Float64Array {
  const x = valuesOf(series);
  const { alpha, beta, gamma, period } = checked(options, x.length);
  const m = gamma === undefined ? 1 : period!;
  const start = initialState(x, beta !== undefined, gamma === undefined ? undefined : m);
  let { level, trend } = start;
  const season = start.season; // season[t mod m]: the seasonal term of the steps t, t + m, t + 2m, ...
  const forecasts = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) {
    const s = season[t % m];
    forecasts[t] = level + trend + s;
    const previous = level + trend;
    level = alpha * (x[t] - s) + (1 - alpha) * previous;
    if (beta !== undefined) trend = beta * (level - previous + trend) + (1 - beta) * trend;
    if (gamma !== undefined) season[t % m] = gamma * (x[t] - previous) + (1 - gamma) * s;
  }
  return forecasts;
}

/**
 * The first step whose forecast uses no value at or after it: 2 periods with a season, 2 steps with
 * a trend.
 */
export function warmUp(options: SmoothingOptions): number {
  return options.gamma !== undefined
    ? 2 * (options.period ?? 1)
    : options.beta !== undefined
      ? 2
      : 1;
}

/**
 * The smoothing parameters with the smallest one-step mean squared error on `series` (from `warmUp`
 * on), searched on a grid of `steps` values per parameter (0.05, 0.10, ..., 1 by default): a
 * least-squares fit, as the linear baseline is, only not in closed form.
 */
export function fitExponentialSmoothing(
  series: SeriesLike,
  model: { trend?: boolean; period?: number; steps?: number } = {},
): { options: SmoothingOptions; mse: number } {
  checkOptions(model, ["trend", "period", "steps"], "model");
  const { trend = false, period, steps = 20 } = model;
  check(Number.isInteger(steps) && steps >= 2, "model.steps", "an integer of at least 2", steps);
  const grid = Array.from({ length: steps }, (_, i) => (i + 1) / steps);
  let best = { options: { alpha: 1 } as SmoothingOptions, mse: Infinity };
  for (const alpha of grid) {
    for (const beta of trend ? grid : [undefined]) {
      for (const gamma of period !== undefined ? grid : [undefined]) {
        const options = {
          alpha,
          ...(beta === undefined ? {} : { beta }),
          ...(gamma === undefined ? {} : { gamma, period }),
        };
        const mse = oneStepMse(series, options);
        if (mse < best.mse) best = { options, mse };
      }
    }
  }
  return best;
}

/** Mean squared one-step error of `options` on `series`, from `warmUp` on. */
export function oneStepMse(series: SeriesLike, options: SmoothingOptions): number {
  const x = valuesOf(series);
  const forecasts = exponentialSmoothing(x, options);
  let sum = 0;
  for (let t = warmUp(options); t < x.length; t++) sum += (x[t] - forecasts[t]) ** 2;
  return sum / (x.length - warmUp(options));
}

function checked(options: SmoothingOptions, length: number): SmoothingOptions {
  checkOptions(options, ["alpha", "beta", "gamma", "period"], "options");
  const fraction = (v: unknown, lowest: number) => typeof v === "number" && v >= lowest && v <= 1;
  check(
    fraction(options.alpha, Number.MIN_VALUE),
    "options.alpha",
    "a number in (0, 1]",
    options.alpha,
  );
  if (options.beta !== undefined)
    check(fraction(options.beta, 0), "options.beta", "a number in [0, 1]", options.beta);
  if (options.gamma !== undefined) {
    check(fraction(options.gamma, 0), "options.gamma", "a number in [0, 1]", options.gamma);
    check(
      Number.isInteger(options.period) && options.period! >= 2,
      "options.period",
      "an integer of at least 2 (a season needs one)",
      options.period,
    );
  }
  check(
    length > warmUp(options),
    "series",
    `more than ${warmUp(options)} values for these options`,
    length,
  );
  return options;
}

/**
 * Starting level, trend and seasonal terms, estimated from the first period(s) or the first two
 * values.
 */
function initialState(
  x: Float64Array,
  withTrend: boolean,
  period?: number,
): { level: number; trend: number; season: Float64Array } {
  if (period === undefined)
    return { level: x[0], trend: withTrend ? x[1] - x[0] : 0, season: new Float64Array(1) };
  const average = (from: number) =>
    x.slice(from, from + period).reduce((a, b) => a + b, 0) / period;
  const first = average(0);
  const season = Float64Array.from(x.slice(0, period), (v) => v - first);
  // Level and trend as they stand just before step 0, so that the first forecast is
  // first - trend·(m-1)/2 + s_0.
  const trend = withTrend ? (average(period) - first) / period : 0;
  return { level: first - (trend * (period + 1)) / 2, trend, season };
}
