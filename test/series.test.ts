import { describe, expect, it } from "vitest";
import { ArgumentError } from "../src/errors";
import { sinusoid, valuesOf, withValues, Series } from "../src/data/series";

describe("sinusoid", () => {
  it("is the lecture's x_i = sin(2πi/50), kept in float64", () => {
    const x = sinusoid(1000, 50);
    expect(x.length).toBe(1000);
    expect(x[0]).toBe(0);
    expect(x[1]).toBeCloseTo(0.12533, 5); // the lecture displays 0.1250 (display rounding)
    expect(x[1]).toBe(Math.sin((2 * Math.PI) / 50));
    expect(x[25]).toBeCloseTo(0, 12);
    expect(x[50]).toBeCloseTo(0, 12);
  });

  it("rejects a non-integer length and a non-positive period", () => {
    expect(() => sinusoid(10.5, 50)).toThrow("n: expected a positive integer number of points, received 10.5");
    expect(() => sinusoid(10, 0)).toThrow(/^period: expected a positive number/);
  });
});

describe("valuesOf", () => {
  it("names the index of the first NaN", () => {
    expect(() => valuesOf([1, 2, NaN, 4])).toThrow(ArgumentError);
    expect(() => valuesOf([1, 2, NaN, 4])).toThrow("series: expected finite numbers only, received NaN. The bad value is at index 2");
  });

  it("rejects an empty series and a non-array", () => {
    expect(() => valuesOf([])).toThrow("series: expected a non-empty series, received an array of length 0");
    expect(() => valuesOf(3 as unknown as number[])).toThrow(/^series: expected an array of numbers or a Series/);
  });
});

describe("withValues", () => {
  it("cuts the dates of a Series to match and keeps interpolated positions relative to the part", () => {
    const series: Series = {
      name: "s",
      dates: [0, 1, 2, 3].map((d) => new Date(Date.UTC(2000, d, 1))),
      values: Float64Array.from([1, 2, 3, 4]),
      unit: "u",
      frequency: "monthly",
      interpolated: [1, 3],
    };
    const part = withValues(series, Float64Array.from([3, 4]), 2, " (test)");
    expect(part.name).toBe("s (test)");
    expect(part.dates.map((d) => d.getUTCMonth())).toEqual([2, 3]);
    expect(part.interpolated).toEqual([1]);
  });
});
