import { describe, expect, it } from "vitest";
import { sinusoid } from "../src/series";
import { historyWindows, sequenceWindows } from "../src/windows";

describe("historyWindows", () => {
  const x = sinusoid(1000, 50);

  it("reproduces the lecture's printout: [0.3681, 0.4818] → 0.5878 with history 2", () => {
    const w = historyWindows(x, 2);
    const k = w.inputs.findIndex(([a, b]) => a.toFixed(4) === "0.3681" && b.toFixed(4) === "0.4818");
    expect(k).toBe(3);
    expect(w.targets[k][0].toFixed(4)).toBe("0.5878");
    expect(w.start[k]).toBe(3);
  });

  it("with history 1, x = 0 at i = 0 and i = 25 leads to +0.12533 and -0.12533", () => {
    const w = historyWindows(x, 1);
    expect(w.inputs[0]).toEqual([0]);
    expect(w.targets[0][0]).toBeCloseTo(0.12533, 5);
    expect(w.inputs[25][0]).toBeCloseTo(0, 12);
    expect(w.targets[25][0]).toBeCloseTo(-0.12533, 5);
  });

  it("with history 2 the two zero crossings are told apart: samples #24 and #49 of the lecture", () => {
    const w = historyWindows(x, 2);
    expect(w.inputs[24][0]).toBeCloseTo(0.12533, 5);
    expect(w.inputs[24][1]).toBeCloseTo(0, 12);
    expect(w.targets[24][0]).toBeCloseTo(-0.1253, 4);
    expect(w.inputs[49][0]).toBeCloseTo(-0.12533, 5);
    expect(w.targets[49][0]).toBeCloseTo(0.1253, 4);
  });

  it("keeps the last window the lecture's dataset drops: n - L windows, the last targets x[n-1]", () => {
    const w = historyWindows(x, 2);
    expect(w.inputs.length).toBe(998); // the lecture's range(1000 - 2 - 1) gives 997
    expect(w.inputs[997]).toEqual([x[997], x[998]]);
    expect(w.targets[997]).toEqual([x[999]]);
  });

  it("accepts lookback n - 1 (one window) and rejects n, 0 and 1.5 naming the argument", () => {
    expect(historyWindows([1, 2, 3], 2).inputs).toEqual([[1, 2]]);
    expect(() => historyWindows([1, 2, 3], 3)).toThrow(
      "lookback: expected at most 2 for a series of 3 points (one window needs lookback + 1 points), received 3",
    );
    expect(() => historyWindows([1, 2, 3], 0)).toThrow("lookback: expected a positive integer, received 0");
    expect(() => historyWindows([1, 2, 3], 1.5)).toThrow("lookback: expected a positive integer, received 1.5");
  });

  it("rejects an empty series and NaN with its index", () => {
    expect(() => historyWindows([], 1)).toThrow(/^series: expected a non-empty series/);
    expect(() => historyWindows([0, 1, 2, NaN], 1)).toThrow(/index 3/);
  });
});

describe("sequenceWindows", () => {
  const x = Array.from({ length: 10 }, (_, i) => i);

  it("targets are the inputs shifted by one step", () => {
    const w = sequenceWindows(x, 4);
    expect(w.inputs.length).toBe(6);
    expect(w.inputs[0]).toEqual([0, 1, 2, 3]);
    expect(w.targets[0]).toEqual([1, 2, 3, 4]);
    expect(w.inputs[5]).toEqual([5, 6, 7, 8]);
    expect(w.targets[5]).toEqual([6, 7, 8, 9]);
    expect(w.kind).toBe("sequence");
  });

  it("stride skips starts: floor((n - L - 1) / stride) + 1 windows", () => {
    const w = sequenceWindows(x, 4, 3);
    expect(w.start).toEqual([0, 3]);
    expect(w.targets[1]).toEqual([4, 5, 6, 7]);
    expect(sequenceWindows(x, 3, 3).start).toEqual([0, 3, 6]);
    expect(() => sequenceWindows(x, 4, 0)).toThrow("stride: expected a positive integer, received 0");
  });
});
