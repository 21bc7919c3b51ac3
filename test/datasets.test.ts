import { describe, expect, it } from "vitest";
import { loadSeries, seriesNames } from "../src/data/datasets";
import reference from "./fixtures/analysis_reference.json";

const day = 86_400_000;

describe("loadSeries", () => {
  it("loads CO2 as a monthly series with its missing months interpolated (same as the numpy reference)", () => {
    const co2 = loadSeries("co2");
    expect(co2.unit).toBe("ppm");
    expect(co2.frequency).toBe("monthly");
    expect(co2.values.length).toBe(reference.co2.length);
    expect(co2.interpolated).toEqual(reference.co2.interpolated);
    reference.co2.first_values.forEach((v, i) => expect(co2.values[i]).toBeCloseTo(v as number, 9));
    expect(co2.dates[0].toISOString()).toBe("1958-03-01T00:00:00.000Z");
    expect(co2.dates[co2.dates.length - 1].toISOString()).toBe("2020-04-01T00:00:00.000Z");
    co2.dates.forEach((d, i) => i > 0 && expect(d.getUTCMonth()).toBe((co2.dates[i - 1].getUTCMonth() + 1) % 12));
  });

  it("loads stocks by ticker, monthly and evenly spaced", () => {
    const aapl = loadSeries("AAPL");
    expect(aapl.unit).toBe("USD");
    expect(aapl.values.length).toBe(123);
    expect(aapl.values[0]).toBe(25.94);
    expect(aapl.dates[0].toISOString()).toBe("2000-01-01T00:00:00.000Z");
    expect(aapl.interpolated).toEqual([]);
    expect(loadSeries("GOOG").dates[0].toISOString()).toBe("2004-08-01T00:00:00.000Z");
  });

  it("loads daily Seattle weather and yearly global temperature without gaps", () => {
    const temp = loadSeries("seattle-temp-max");
    expect(temp.values.length).toBe(1461);
    expect(temp.values[0]).toBe(12.8);
    expect(temp.dates[1].getTime() - temp.dates[0].getTime()).toBe(day);
    const global = loadSeries("global-temp");
    expect(global.dates[0].getUTCFullYear()).toBe(1880);
    expect(global.values[0]).toBe(-0.17);
  });

  it("loads every listed name as finite values, whatever the working directory", () => {
    const cwd = process.cwd();
    process.chdir("/");
    try {
      for (const name of seriesNames) {
        const series = loadSeries(name);
        expect(series.values.every(Number.isFinite)).toBe(true);
        expect(series.dates.length).toBe(series.values.length);
      }
    } finally {
      process.chdir(cwd);
    }
  });

  it("rejects an unknown name, listing the known ones", () => {
    expect(() => loadSeries("co3" as "co2")).toThrow(/^name: expected one of co2, co2-adjusted, .*AAPL.*, received "co3"/);
  });
});
