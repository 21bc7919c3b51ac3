import { describe, expect, it } from "vitest";
import { fitLinear, meanSquaredError, persistence } from "../src/baselines";
import { ArgumentError } from "../src/errors";
import { sinusoid } from "../src/series";
import { historyWindows, sequenceWindows } from "../src/windows";
import reference from "./fixtures/baselines_reference.json";

describe("persistence", () => {
  it("predicts the last value of every window", () => {
    const w = historyWindows([1, 2, 4, 8, 16], 2);
    expect(Array.from(persistence(w))).toEqual([2, 4, 8]);
  });

  it("on the lecture's sinusoid its MSE is 1 - cos(2π/50), the loss the lecture's one-value DNN reached", () => {
    const w = historyWindows(sinusoid(1000, 50), 1);
    // Σ (x_{t+1} - x_t)² / n over whole periods = 2(1 - cos θ) · ½.
    expect(meanSquaredError(persistence(w), w)).toBeCloseTo(1 - Math.cos((2 * Math.PI) / 50), 4);
  });
});

describe("fitLinear", () => {
  for (const [lookback, fit] of Object.entries(reference.fits)) {
    it(`matches numpy's lstsq on a noisy trending series, lookback ${lookback}`, () => {
      const w = historyWindows(reference.noisy, Number(lookback));
      const model = fitLinear(w, 0);
      Array.from(model.weights).forEach((v, i) => expect(v).toBeCloseTo(fit.weights[i], 9));
      expect(model.bias).toBeCloseTo(fit.bias, 9);
      Array.from(model.predict(w)).forEach((v, i) => expect(v).toBeCloseTo(fit.predictions[i], 9));
    });
  }

  it("the default tiny ridge leaves a well-posed fit unchanged to 6 decimals", () => {
    const w = historyWindows(reference.noisy, 8);
    const model = fitLinear(w);
    Array.from(model.weights).forEach((v, i) => expect(v).toBeCloseTo(reference.fits["8"].weights[i], 6));
  });

  it("finds x_{t+1} = 2cos(2π/P)·x_t - x_{t-1} for a pure sinusoid with lookback 2", () => {
    const model = fitLinear(historyWindows(sinusoid(500, 50), 2), 0);
    expect(model.weights[1]).toBeCloseTo(2 * Math.cos((2 * Math.PI) / 50), 9);
    expect(model.weights[0]).toBeCloseTo(-1, 9);
    expect(model.bias).toBeCloseTo(0, 9);
  });

  it("on collinear windows (sinusoid, lookback 4) the ridge still predicts like numpy's minimum-norm fit", () => {
    const { n, period, lookback, predictions } = reference.sinusoid;
    const w = historyWindows(sinusoid(n, period), lookback);
    const model = fitLinear(w);
    Array.from(model.predict(w)).forEach((v, i) => expect(v).toBeCloseTo(predictions[i], 6));
  });

  it("predicts other windows of the same lookback and refuses a different one", () => {
    const model = fitLinear(historyWindows(reference.noisy.slice(0, 200), 3));
    expect(model.predict(historyWindows(reference.noisy.slice(200), 3))).toHaveLength(97);
    expect(() => model.predict(historyWindows(reference.noisy, 4))).toThrow(/windows.lookback: expected 3/);
  });

  it("explains a constant series without ridge instead of returning NaN", () => {
    expect(() => fitLinear(historyWindows([5, 5, 5, 5, 5], 2), 0)).toThrow(ArgumentError);
    expect(() => fitLinear(historyWindows([5, 5, 5, 5, 5], 2), 0)).toThrow(/pass ridge > 0/);
  });
});

describe("bad input", () => {
  it("rejects sequence windows, a negative ridge and mismatched predictions, naming the argument", () => {
    const seq = sequenceWindows([1, 2, 3, 4], 2);
    expect(() => persistence(seq)).toThrow(/windows.kind: expected "history"/);
    expect(() => fitLinear(historyWindows([1, 2, 4, 3], 1), -1)).toThrow(/ridge: expected a non-negative number/);
    expect(() => meanSquaredError([1, 2], historyWindows([1, 2, 4, 3], 1))).toThrow(/predictions: expected one prediction per window \(3\)/);
  });
});
