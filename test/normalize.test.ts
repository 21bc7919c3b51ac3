import { describe, expect, it } from "vitest";
import { fitNormalizer } from "../src/data/normalize";
import { chronologicalSplit } from "../src/data/split";
import { loadSeries } from "../src/data/datasets";
import { mean, std } from "../src/analysis/stats";

describe("fitNormalizer", () => {
  const co2 = loadSeries("co2");
  const split = chronologicalSplit(co2, { train: 0.7, validation: 0.15 }, 24);

  it("standardises the training part to mean 0, std 1, using training statistics only", () => {
    const normalizer = fitNormalizer(split.train);
    const train = normalizer.transform(split.train);
    expect(mean(train)).toBeCloseTo(0, 10);
    expect(std(train)).toBeCloseTo(1, 10);
    // CO2 keeps rising: the later parts sit above the training range, which a whole-series fit would hide.
    expect(mean(normalizer.transform(split.test))).toBeGreaterThan(1.5);
    expect(normalizer.shift).toBe(mean(split.train));
    expect(train.dates).toEqual(split.train.dates);
    expect(train.unit).toBe("ppm");
  });

  it("maps back to original units with inverse, also from a Float32Array (tensor data)", () => {
    const normalizer = fitNormalizer(split.train, "minmax");
    const test = normalizer.transform(split.test.values);
    const back = normalizer.inverse(Float32Array.from(test));
    back.forEach((v, i) => expect(v).toBeCloseTo(split.test.values[i], 3));
    const train = normalizer.transform(split.train.values);
    expect(Math.min(...train)).toBe(0);
    expect(Math.max(...train)).toBeCloseTo(1, 12);
  });

  it("keeps a constant training part invertible (scale 1) and rejects an unknown kind", () => {
    const normalizer = fitNormalizer([5, 5, 5]);
    expect(normalizer.scale).toBe(1);
    expect(Array.from(normalizer.transform([6]))).toEqual([1]);
    expect(() => fitNormalizer([1, 2], "zscore" as "standard")).toThrow('kind: expected "standard" or "minmax", received "zscore"');
    expect(() => fitNormalizer([1, NaN])).toThrow(/^train: expected finite numbers only, received NaN. The bad value is at index 1/);
  });
});
