import { describe, expect, it } from "vitest";
import { loadSeries } from "../src/data/datasets";
import { sinusoid } from "../src/data/series";
import { autocorrelation, describe as describeSeries, max, mean, median, min, quantile, std, variance } from "../src/analysis/stats";
import reference from "./fixtures/analysis_reference.json";

describe("descriptive statistics (numpy reference on CO2)", () => {
  const co2 = loadSeries("co2");
  const ref = reference.co2;

  it("mean, median, min, max", () => {
    expect(mean(co2)).toBeCloseTo(ref.mean, 10);
    expect(median(co2)).toBeCloseTo(ref.median, 10);
    expect(min(co2)).toBe(ref.min);
    expect(max(co2)).toBe(ref.max);
  });

  it("variance and std: population by default (numpy), sample with ddof 1 (pandas)", () => {
    expect(variance(co2)).toBeCloseTo(ref.variance_population, 8);
    expect(variance(co2, 1)).toBeCloseTo(ref.variance_sample, 8);
    expect(std(co2)).toBeCloseTo(Math.sqrt(ref.variance_population), 10);
    expect(variance([1, 2, 3, 4])).toBe(1.25);
    expect(variance([1, 2, 3, 4], 1)).toBeCloseTo(5 / 3, 12);
    expect(() => variance([1], 1)).toThrow(/^series: expected more than 1 point/);
    expect(() => variance([1, 2], 2)).toThrow('ddof: expected 0 (population) or 1 (sample), received 2');
  });

  it("quantiles interpolate linearly like numpy's default", () => {
    for (const [q, value] of Object.entries(ref.quantiles)) expect(quantile(co2, Number(q))).toBeCloseTo(value, 10);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(1.75);
    expect(() => quantile([1], 1.5)).toThrow("q: expected a number between 0 and 1, received 1.5");
  });

  it("autocorrelation matches statsmodels' acf, raw and differenced", () => {
    const acf = autocorrelation(co2, 24);
    ref.acf_24.forEach((r, k) => expect(acf[k]).toBeCloseTo(r, 10));
    const diff = co2.values.slice(1).map((v, i) => v - co2.values[i]);
    const acfDiff = autocorrelation(diff, 24);
    ref.acf_24_differenced.forEach((r, k) => expect(acfDiff[k]).toBeCloseTo(r, 10));
    // Once the trend is differenced away, the yearly cycle shows: lag 12 correlates, lag 6 anti-correlates.
    expect(acfDiff[12]).toBeGreaterThan(0.5);
    expect(acfDiff[6]).toBeLessThan(-0.4);
  });

  it("autocorrelation of the lecture's sinusoid peaks at its period", () => {
    const acf = autocorrelation(sinusoid(1000, 50), 50);
    expect(acf[0]).toBe(1);
    expect(acf[25]).toBeLessThan(-0.9);
    expect(acf[50]).toBeGreaterThan(0.9);
    expect(() => autocorrelation([1, 2, 3], 3)).toThrow("maxLag: expected an integer from 0 to 2 (series length - 1), received 3");
    expect(() => autocorrelation([2, 2, 2], 1)).toThrow(/^series: expected a series that is not constant/);
  });

  it("describeSeries summarises a dated series", () => {
    const d = describeSeries(co2);
    expect(d.name).toBe("co2");
    expect(d.count).toBe(ref.length);
    expect(d.q25).toBeCloseTo(ref.quantiles["0.25"], 10);
    expect(d.last?.getUTCFullYear()).toBe(2020);
    expect(describeSeries([1, 2, 3]).name).toBeUndefined();
  });
});
