import { describe, expect, it } from "vitest";
import { ArgumentError } from "../src";
import { exponentialSmoothing, fitExponentialSmoothing, oneStepMse, warmUp } from "../src/analysis/smoothing";
import { localLevelFilter, steadyStateGain } from "../src/analysis/state-space";
import reference from "./fixtures/smoothing_reference.json";

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));
const options = (r: { alpha: number; beta: number | null; gamma: number | null; period: number | null }) => ({
  alpha: r.alpha,
  ...(r.beta !== null ? { beta: r.beta } : {}),
  ...(r.gamma !== null ? { gamma: r.gamma, period: r.period! } : {}),
});

describe("exponentialSmoothing, against statsmodels' ExponentialSmoothing from the same starting states", () => {
  it.each([
    ["simple", reference.noisy],
    ["trend", reference.noisy],
    ["season", reference.co2],
    ["seasonNoTrend", reference.co2],
  ] as const)("%s", (name, series) => {
    const r = reference.smoothing[name];
    expect(maxDiff(exponentialSmoothing(series, options(r)), r.forecasts)).toBeLessThan(1e-9);
  });

  it("forecasts step t from the values before it only", () => {
    const series = reference.co2.slice(0, 60);
    const changed = [...series];
    changed[40] += 100;
    const a = exponentialSmoothing(series, { alpha: 0.5, beta: 0.1, gamma: 0.3, period: 12 });
    const b = exponentialSmoothing(changed, { alpha: 0.5, beta: 0.1, gamma: 0.3, period: 12 });
    expect(Array.from(b.slice(0, 41))).toEqual(Array.from(a.slice(0, 41)));
    expect(b[41]).not.toBe(a[41]);
  });

  it("names a bad option", () => {
    expect(() => exponentialSmoothing([1, 2, 3], { alpha: 0 })).toThrow("options.alpha: expected a number in (0, 1]");
    expect(() => exponentialSmoothing([1, 2, 3], { alpha: 0.5, gamma: 0.1 })).toThrow("options.period");
    expect(() => exponentialSmoothing([1, 2, 3], { alpha: 0.5, gamma: 0.1, period: 12 })).toThrow("series: expected more than 24 values");
    expect(() => exponentialSmoothing([1, 2, 3], { alpha: 0.5, Beta: 0.1 } as never)).toThrow(ArgumentError);
  });
});

describe("fitExponentialSmoothing", () => {
  it("finds the grid point of least one-step error", () => {
    const fit = fitExponentialSmoothing(reference.co2, { trend: true, period: 12, steps: 5 });
    const grid = [0.2, 0.4, 0.6, 0.8, 1];
    let best = Infinity;
    for (const alpha of grid) for (const beta of grid) for (const gamma of grid) best = Math.min(best, oneStepMse(reference.co2, { alpha, beta, gamma, period: 12 }));
    expect(fit.mse).toBe(best);
    expect(oneStepMse(reference.co2, fit.options)).toBe(best);
    expect(warmUp(fit.options)).toBe(24);
  });

  it("comes within 10 % of the error statsmodels' optimiser reaches", () => {
    const simple = fitExponentialSmoothing(reference.co2);
    const seasonal = fitExponentialSmoothing(reference.co2, { trend: true, period: 12 });
    expect(simple.mse).toBeLessThan(1.1 * reference.optimizedMse.simple);
    expect(seasonal.mse).toBeLessThan(1.1 * reference.optimizedMse.season);
    expect(seasonal.mse).toBeLessThan(simple.mse / 1.5);
  });
});

describe("localLevelFilter, against statsmodels' UnobservedComponents (local level)", () => {
  const r = reference.localLevel;
  const { levelVariance, noiseVariance, initialLevel, initialVariance } = r;
  const { forecasts, gains } = localLevelFilter(reference.noisy, { levelVariance, noiseVariance, initialLevel, initialVariance });

  it("forecasts and gains match", () => {
    expect(maxDiff(forecasts, r.forecasts)).toBeLessThan(1e-8);
    expect(maxDiff(gains, r.gains)).toBeLessThan(1e-9); // statsmodels stops updating the variance once it has converged
  });

  it("settles to the steady-state gain, and then forecasts as simple exponential smoothing with α = that gain", () => {
    const alpha = steadyStateGain(r);
    expect(Math.abs(gains[gains.length - 1] - alpha)).toBeLessThan(1e-12);
    const smoothed = exponentialSmoothing(reference.noisy, { alpha });
    // Both are exponentially weighted averages; their different starts fade out geometrically.
    expect(maxDiff(forecasts.slice(100), smoothed.slice(100))).toBeLessThan(1e-8);
  });

  it("α² / (1 − α) is the level-to-noise variance ratio whose steady gain is α", () => {
    for (const alpha of [0.1, 0.5, 0.9]) expect(steadyStateGain({ levelVariance: alpha ** 2 / (1 - alpha), noiseVariance: 1 })).toBeCloseTo(alpha, 12);
  });

  it("names a bad variance", () => {
    expect(() => localLevelFilter([1, 2], { levelVariance: -1, noiseVariance: 1 })).toThrow("options.levelVariance");
    expect(() => localLevelFilter([1, 2], { levelVariance: 1, noiseVariance: 0 })).toThrow("options.noiseVariance");
  });
});
