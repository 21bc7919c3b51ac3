import { describe, expect, it } from "vitest";
import { loadSeries } from "../src/data/datasets";
import { decompose, movingAverageTrend } from "../src/analysis/decompose";
import { gaussian, seed } from "../src/seed";
import reference from "./fixtures/analysis_reference.json";

/** Compares arrays element-wise, NaN where the reference has null (numpy's NaN in JSON). */
function expectClose(actual: Float64Array, expected: (number | null)[], digits: number) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => (e === null ? expect(actual[i]).toBeNaN() : expect(actual[i]).toBeCloseTo(e, digits)));
}

describe("decompose on CO2, period 12 (numpy restatement of statsmodels' seasonal_decompose)", () => {
  const co2 = loadSeries("co2");

  for (const model of ["additive", "multiplicative"] as const) {
    it(`${model}: trend, seasonal indices and residual match`, () => {
      const ref = reference.decompose[model];
      const d = decompose(co2, 12, model);
      expectClose(d.trend, ref.trend, 8);
      expectClose(d.seasonalIndices, ref.seasonal_indices, 8);
      expectClose(d.residual, ref.residual, 8);
      expect(d.seasonal[13]).toBe(d.seasonalIndices[1]);
      // NaN at the ends, 6 on each side for the 2×12 moving average.
      expect(d.trend.slice(0, 6).every(Number.isNaN)).toBe(true);
      expect(Number.isNaN(d.trend[6])).toBe(false);
      expect(d.trend.slice(-6).every(Number.isNaN)).toBe(true);
    });
  }

  it("seasonal indices sum to 0 (additive) and average 1 (multiplicative)", () => {
    expect(decompose(co2, 12).seasonalIndices.reduce((a, b) => a + b)).toBeCloseTo(0, 10);
    expect(decompose(co2, 12, "multiplicative").seasonalIndices.reduce((a, b) => a + b) / 12).toBeCloseTo(1, 10);
  });

  it("an odd period uses a plain centred average", () => {
    expectClose(movingAverageTrend(reference.odd_period.series as number[], 7), reference.odd_period.trend, 8);
  });
});

describe("decompose recovers known components", () => {
  const period = 12;
  const n = 240;
  const seasonalTruth = Array.from({ length: period }, (_, p) => 3 * Math.sin((2 * Math.PI * p) / period) + (p === 0 ? 1 : 0) - 1 / period);
  const trendTruth = (t: number) => 50 + 0.2 * t;

  it("additive: trend + seasonal + noise", () => {
    seed(3);
    const x = Array.from({ length: n }, (_, t) => trendTruth(t) + seasonalTruth[t % period] + 0.1 * gaussian());
    const d = decompose(x, period);
    d.seasonalIndices.forEach((s, p) => expect(Math.abs(s - seasonalTruth[p])).toBeLessThan(0.05));
    for (let t = 6; t < n - 6; t++) expect(Math.abs(d.trend[t] - trendTruth(t))).toBeLessThan(0.15);
    expect(Math.abs(d.residual[100])).toBeLessThan(0.4);
  });

  it("multiplicative: trend × seasonal factor × noise", () => {
    seed(4);
    const factors = seasonalTruth.map((s) => 1 + s / 10); // mean 1
    const x = Array.from({ length: n }, (_, t) => trendTruth(t) * factors[t % period] * (1 + 0.01 * gaussian()));
    const d = decompose(x, period, "multiplicative");
    d.seasonalIndices.forEach((s, p) => expect(Math.abs(s - factors[p])).toBeLessThan(0.01));
    // A moving average of trend × season is not exactly the trend (the seasonal weights tilt it): about 1%.
    for (let t = 6; t < n - 6; t++) expect(Math.abs(d.trend[t] / trendTruth(t) - 1)).toBeLessThan(0.02);
  });

  it("rejects fewer than two cycles, a bad period and non-positive values for multiplicative", () => {
    expect(() => decompose([1, 2, 3], 2)).toThrow(/^series: expected at least two full cycles \(4 points\) for period 2/);
    expect(() => decompose([1, 2, 3, 4], 1)).toThrow("period: expected an integer of at least 2 (points per cycle), received 1");
    expect(() => decompose([1, 2, 0, 4], 2, "multiplicative")).toThrow(
      "series: expected positive values only for a multiplicative model, received 0. The first one is at index 2",
    );
    expect(() => decompose([1, 2, 3, 4], 2, "log" as "additive")).toThrow(/^model: expected "additive" or "multiplicative"/);
  });
});
