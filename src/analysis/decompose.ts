/**
 * Classical decomposition (statsmodels' `seasonal_decompose`, two-sided moving average):
 *   additive:        x_t = trend_t + seasonal_t + residual_t
 *   multiplicative:  x_t = trend_t × seasonal_t × residual_t
 * 1. trend: centred moving average over one period (for an even period, the 2×m average: weights
 *    ½, 1, ..., 1, ½ over period + 1 points, so the window stays centred on t). It is NaN for the first and
 *    last ⌊period/2⌋ points, where the window would run off the series.
 * 2. seasonal indices: the mean of (x - trend), or x / trend, over each position in the cycle, then
 *    normalised to sum 0 (additive) or to mean 1 (multiplicative); repeated along the series.
 * 3. residual: what is left, NaN where the trend is.
 * Positions in the cycle count from the first point (position t sits at t mod period).
 */
import { check } from "../errors";
import { SeriesLike, valuesOf } from "../data/series";

/**
 * "additive": x = trend + seasonal + residual; "multiplicative": x = trend × seasonal × residual.
 */
export type DecompositionModel = "additive" | "multiplicative";

/**
 * The parts of a decomposed series, each as long as the series (trend and residual NaN at the
 * ends).
 */
export interface Decomposition {
  model: DecompositionModel;
  period: number;
  observed: Float64Array;
  trend: Float64Array;
  seasonal: Float64Array;
  residual: Float64Array;
  /** One index per position in the cycle: sum 0 (additive) or mean 1 (multiplicative). */
  seasonalIndices: Float64Array;
}

/**
 * Centred moving average over `period` points (2×m for even m); NaN where the window does not fit.
 */
export function movingAverageTrend(series: SeriesLike, period: number): Float64Array {
  const values = valuesOf(series);
  check(
    Number.isInteger(period) && period >= 2,
    "period",
    "an integer of at least 2 (points per cycle)",
    period,
  );
  const half = Math.floor(period / 2);
  const weights = new Float64Array(2 * half + 1).fill(1 / period);
  if (period % 2 === 0) weights[0] = weights[2 * half] = 0.5 / period;
  const trend = new Float64Array(values.length).fill(NaN);
  for (let t = half; t < values.length - half; t++) {
    let sum = 0;
    for (let k = -half; k <= half; k++) sum += weights[k + half] * values[t + k];
    trend[t] = sum;
  }
  return trend;
}

/**
 * Splits `series` into trend, seasonal and residual parts with a cycle of `period` points (12 for
 * monthly data).
 */
export function decompose(
  series: SeriesLike,
  period: number,
  model: DecompositionModel = "additive",
): Decomposition {
  const observed = valuesOf(series).slice();
  check(
    model === "additive" || model === "multiplicative",
    "model",
    '"additive" or "multiplicative"',
    model,
  );
  check(
    Number.isInteger(period) && period >= 2,
    "period",
    "an integer of at least 2 (points per cycle)",
    period,
  );
  check(
    observed.length >= 2 * period,
    "series",
    `at least two full cycles (${2 * period} points) for period ${period}`,
    observed,
  );
  if (model === "multiplicative") {
    const i = observed.findIndex((v) => v <= 0);
    check(
      i < 0,
      "series",
      "positive values only for a multiplicative model",
      observed[i],
      `The first one is at index ${i}`,
    );
  }
  const additive = model === "additive";
  const trend = movingAverageTrend(observed, period);
  const detrended = observed.map((v, t) => (additive ? v - trend[t] : v / trend[t]));
  const seasonalIndices = cycleMeans(detrended, period);
  const centre = seasonalIndices.reduce((s, v) => s + v, 0) / period;
  for (let p = 0; p < period; p++)
    seasonalIndices[p] = additive ? seasonalIndices[p] - centre : seasonalIndices[p] / centre;
  const seasonal = observed.map((_, t) => seasonalIndices[t % period]);
  const residual = detrended.map((v, t) => (additive ? v - seasonal[t] : v / seasonal[t]));
  return { model, period, observed, trend, seasonal, residual, seasonalIndices };
}

/** Mean of the non-NaN values at each cycle position 0 .. period-1. */
function cycleMeans(values: Float64Array, period: number): Float64Array {
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  values.forEach((v, t) => {
    if (Number.isNaN(v)) return;
    sums[t % period] += v;
    counts[t % period] += 1;
  });
  return sums.map((s, p) => s / counts[p]);
}
