import { describe, expect, it } from "vitest";
import { meanSquaredError, persistence } from "../src/baselines";
import { horizonWindows } from "../src/forecast";
import { anchoredWindows } from "../src/relative";
import { historyWindows, sequenceWindows } from "../src/windows";

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
