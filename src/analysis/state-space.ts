/**
 * A state-space model (lecture 02), the simplest one: the local level. A hidden level μ_t wanders
 * and every observation is that level plus noise,
 *
 *   μ_{t+1} = μ_t + η_t,   η_t ~ N(0, levelVariance)      (the state moves)
 *   x_t     = μ_t + ε_t,   ε_t ~ N(0, noiseVariance)      (we see it through noise)
 *
 * The Kalman filter keeps an estimate of the hidden state and its variance and corrects it with
 * each new observation: a memory updated by a fixed rule, where an RNN learns its rule. Its gain
 * settles to a constant, and the filter then forecasts exactly as simple exponential smoothing with
 * α = that gain.
 */
import { check, checkOptions } from "../errors";
import { SeriesLike, valuesOf } from "../data/series";

export interface LocalLevelOptions {
  levelVariance: number;
  noiseVariance: number;
  /**
   * The estimate of μ_0 before seeing x_0, and its variance (default: x_0, and 10⁶ · noiseVariance,
   * i.e. unknown).
   */
  initialLevel?: number;
  initialVariance?: number;
}

/**
 * One-step forecasts (`forecasts[t]` predicts x_t from x_0 .. x_{t-1}) and the gain the filter used
 * at each step.
 */
export function localLevelFilter(
  series: SeriesLike,
  options: LocalLevelOptions,
): { forecasts: Float64Array; gains: Float64Array } {
  checkOptions(
    options,
    ["levelVariance", "noiseVariance", "initialLevel", "initialVariance"],
    "options",
  );
  const x = valuesOf(series);
  const { levelVariance, noiseVariance } = options;
  check(levelVariance >= 0, "options.levelVariance", "a variance (a number ≥ 0)", levelVariance);
  check(noiseVariance > 0, "options.noiseVariance", "a variance (a number > 0)", noiseVariance);
  let level = options.initialLevel ?? x[0];
  let variance = options.initialVariance ?? 1e6 * noiseVariance;
  const forecasts = new Float64Array(x.length);
  const gains = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) {
    forecasts[t] = level;
    const gain = variance / (variance + noiseVariance); // how much to trust x_t over the forecast
    level += gain * (x[t] - level);
    variance = variance * (1 - gain) + levelVariance;
    gains[t] = gain;
  }
  return { forecasts, gains };
}

/** The gain the filter settles to: α = P / (P + σ²ε), where P solves P² − σ²η P − σ²η σ²ε = 0. */
export function steadyStateGain(
  options: Pick<LocalLevelOptions, "levelVariance" | "noiseVariance">,
): number {
  const { levelVariance: q, noiseVariance: r } = options;
  check(q >= 0 && r > 0, "options", "levelVariance ≥ 0 and noiseVariance > 0", options);
  const p = (q + Math.sqrt(q * q + 4 * q * r)) / 2;
  return p / (p + r);
}
