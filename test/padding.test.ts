import { describe, expect, it } from "vitest";
import { padHistory, paddedHistoryWindows } from "../src/padding";
import { historyWindows } from "../src/windows";

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
