import { describe, expect, it } from "vitest";
import { sinusoid } from "../src/data/series";
import { meanSquaredError, persistence } from "../src/analysis/baselines";
import { anchoredWindows, historyWindows, horizonWindows, padHistory, paddedHistoryWindows, sequenceWindows } from "../src/data/windows";

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

describe("padHistory", () => {
  it("pads short histories with zeros on the left and keeps the last values of long ones", () => {
    expect(padHistory([1, 2], 4)).toEqual([0, 0, 1, 2]);
    expect(padHistory([1, 2, 3, 4, 5], 3)).toEqual([3, 4, 5]);
    expect(padHistory([1, 2, 3], 3)).toEqual([1, 2, 3]);
    expect(() => padHistory([1], 0)).toThrow("length: expected a positive integer, received 0");
  });
});

describe("paddedHistoryWindows", () => {
  it("gives one window per step from t = 1, equal to the history windows once the history is long enough", () => {
    const x = [10, 11, 12, 13, 14, 15];
    const w = paddedHistoryWindows(x, 3);
    expect(w.inputs.length).toBe(5);
    expect(w.inputs[0]).toEqual([0, 0, 10]);
    expect(w.targets[0]).toEqual([11]);
    expect(w.inputs[1]).toEqual([0, 10, 11]);
    expect(w.start[0]).toBe(-2);
    expect(w.inputs.slice(2)).toEqual(historyWindows(x, 3).inputs);
    expect(w.targets.slice(2)).toEqual(historyWindows(x, 3).targets);
  });
});

describe("anchoredWindows (scale 1: windows relative to their last value)", () => {
  const levels = historyWindows([10, 12, 11, 15, 14], 2);

  it("subtracts each window's last input from its inputs and target", () => {
    const changes = anchoredWindows(levels);
    expect(changes.inputs).toEqual([[-2, 0], [1, 0], [-4, 0]]);
    expect(changes.targets).toEqual([[-1], [4], [-1]]);
    expect(changes.start).toEqual(levels.start);
    expect(levels.inputs[0]).toEqual([10, 12]); // the original windows are untouched
  });

  it("moves every target of horizon windows", () => {
    const changes = anchoredWindows(horizonWindows([10, 12, 11, 15, 14], 2, 2));
    expect(changes.targets).toEqual([[-1, 3], [4, 3]]);
  });

  it("keeps errors: a change prediction plus the last value scores as the level prediction", () => {
    const changes = anchoredWindows(levels);
    const guess = [[0.5], [-1], [2]];
    const levelGuess = guess.map(([g], k) => [g + levels.inputs[k][1]]);
    expect(meanSquaredError(guess, changes)).toBeCloseTo(meanSquaredError(levelGuess, levels), 12);
    // Persistence on levels is predicting a change of 0.
    expect(meanSquaredError([[0], [0], [0]], changes)).toBeCloseTo(meanSquaredError(persistence(levels), levels), 12);
  });

  it("refuses sequence windows", () => {
    expect(() => anchoredWindows(sequenceWindows([1, 2, 3, 4], 2))).toThrow(/windows.kind: expected "history"/);
  });
});
