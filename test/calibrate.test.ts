// The experiment exercises' pass thresholds come from calibration runs (npm run calibrate), never typed in:
// the rule that turns two samples into a threshold, and every thresholds.ts agreeing with the samples it names.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { quantileOf, thresholdBetween } from "../scripts/calibrate/threshold";
import { CALIBRATIONS } from "../scripts/calibrate/experiments";

const root = join(__dirname, "..");

describe("thresholdBetween", () => {
  it("sits at the geometric mean of the reference's high end and the wrong answer's low end, as far from each", () => {
    const found = thresholdBetween({ what: "right", scores: [0.01, 0.04, 0.02] }, { what: "wrong", scores: [0.9, 0.16, 1] });
    expect(found).toEqual({ threshold: 0.08, margin: 2, reference: 0.04, wrong: 0.16 });
  });

  it("with quantile 0.9 takes the reference's 90th percentile and the wrong answer's 10th (nearest rank)", () => {
    const right = [...Array.from({ length: 18 }, () => 0.01), 5, 5];
    const wrong = [0.001, ...Array.from({ length: 19 }, () => 1)];
    expect(thresholdBetween({ what: "right", scores: right }, { what: "wrong", scores: wrong }, 0.9).threshold).toBeCloseTo(0.1, 12);
    expect(quantileOf(right, 0.9)).toBe(0.01);
  });

  it("refuses samples that overlap, naming both", () => {
    expect(() => thresholdBetween({ what: "reference", scores: [0.5] }, { what: "bias 0", scores: [0.4] })).toThrow("the reference (high end 0.5) and the bias 0 (low end 0.4) overlap");
  });
});

describe.each(CALIBRATIONS.map((c) => c.exercise))("%s/thresholds.ts", (exercise) => {
  for (const folder of ["solutions", "exercises"]) {
    it(`${folder}: written by npm run calibrate, its threshold the geometric mean of the two ends it names`, () => {
      const path = join(root, folder, exercise, "thresholds.ts");
      expect(existsSync(path)).toBe(true);
      const text = readFileSync(path, "utf8");
      expect(text).toMatch(/^\/\*\*\n \* Written by `npm run calibrate`/);
      const end = String.raw`(?:worst|best|\d+th percentile) ([\d.]+)`;
      const ends = new RegExp(String.raw`the reference answer's ${end},\s*(?:\* )?a known wrong answer's ${end};`).exec(text);
      expect(ends, text).not.toBeNull();
      const value = Number(/export const THRESHOLDS = \{ \w+: ([\d.]+) \};/.exec(text)?.[1]);
      const [reference, wrong] = [Number(ends![1]), Number(ends![2])];
      expect(reference).toBeLessThan(wrong);
      // The ends are printed to 3 significant digits, the threshold computed from the unrounded ones.
      expect(Math.abs(value / Math.sqrt(reference * wrong) - 1)).toBeLessThan(0.005);
    });
  }
});

it("every exercise with a thresholds.ts is calibrated by npm run calibrate", () => {
  const withThresholds = readdirSync(join(root, "solutions")).filter((name) => existsSync(join(root, "solutions", name, "thresholds.ts")));
  expect(withThresholds.sort()).toEqual(CALIBRATIONS.map((c) => c.exercise).sort());
});
