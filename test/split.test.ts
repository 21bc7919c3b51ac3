import { describe, expect, it } from "vitest";
import { chronologicalSplit } from "../src/data/split";
import { loadSeries } from "../src/data/datasets";
import { sinusoid } from "../src/data/series";

const positions = Array.from({ length: 100 }, (_, i) => i);

describe("chronologicalSplit", () => {
  it("cuts consecutive parts in time order; test defaults to the rest", () => {
    const split = chronologicalSplit(positions, { train: 0.7, validation: 0.2 });
    expect(Array.from(split.train)).toEqual(positions.slice(0, 70));
    expect(Array.from(split.validation)).toEqual(positions.slice(70, 90));
    expect(Array.from(split.test)).toEqual(positions.slice(90));
    expect(split.start).toEqual({ train: 0, validation: 70, test: 90 });
  });

  it("leaves the most recent points out when the ratios sum to less than 1", () => {
    const split = chronologicalSplit(positions, { train: 0.5, validation: 0.1, test: 0.1 });
    expect(split.test[split.test.length - 1]).toBe(69);
  });

  it("keeps a Series' dates with each part", () => {
    const co2 = loadSeries("co2");
    const split = chronologicalSplit(co2, { train: 0.8, validation: 0.1 }, 12);
    expect(split.validation.dates[0]).toEqual(co2.dates[split.start.validation]);
    expect(split.test.values[0]).toBe(co2.values[split.start.test]);
    expect(split.train.name).toBe("co2 (train)");
  });

  it("rejects negative ratios, sums above 1 and parts too small for one window", () => {
    expect(() => chronologicalSplit(positions, { train: -0.1, validation: 0.2 })).toThrow(
      "ratios.train: expected a number between 0 and 1, received -0.1",
    );
    expect(() => chronologicalSplit(positions, { train: 0.8, validation: 0.3 })).toThrow(
      /^ratios: expected fractions summing to at most 1, received an object with keys \{train, validation\}. They sum to 1.1/,
    );
    expect(() => chronologicalSplit(positions, { train: 0.8, validation: 0.05 }, 10)).toThrow(
      "ratios.validation: expected a part of at least 11 points (lookback 10 + 1 target) out of 100, received 0.05. It gives 5 points",
    );
    expect(() => chronologicalSplit(positions, { train: 0, validation: 0.5 })).toThrow(/^ratios.train: expected a fraction above 0/);
  });

  it("allows an empty part when its ratio is 0", () => {
    const split = chronologicalSplit(positions, { train: 0.9, validation: 0 }, 5);
    expect(split.validation.length).toBe(0);
    expect(split.test.length).toBe(10);
  });

  it("treats the float rest of train + validation = 1 as no test part", () => {
    const parts = chronologicalSplit(sinusoid(100, 50), { train: 0.7, validation: 0.3 }, 10);
    expect(parts.train.length + parts.validation.length).toBe(100);
    expect(parts.test.length).toBe(0);
  });
});
