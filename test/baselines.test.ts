import { describe, expect, it } from "vitest";
import { fitLinear, meanSquaredError, persistence } from "../src/analysis/baselines";
import { ArgumentError } from "../src/errors";
import { sinusoid } from "../src/data/series";
import { Windows, historyWindows, horizonWindows, sequenceWindows } from "../src/data/windows";
import reference from "./fixtures/baselines_reference.json";
// numpy's least squares on windows of 4 inputs and 3 targets, made by scripts/torch/make_seq2seq_fixture.py.
import { leastSquares } from "./fixtures/seq2seq-reference.json";

describe("persistence", () => {
  it("predicts the last value of every window", () => {
    const w = historyWindows([1, 2, 4, 8, 16], 2);
    expect(persistence(w)).toEqual([[2], [4], [8]]);
  });

  it("repeats the last value for every step ahead of horizon windows", () => {
    expect(persistence(horizonWindows([1, 2, -4, 8, 16], 2, 2))).toEqual([[2, 2], [-4, -4]]);
  });

  it("averages over every window and every step ahead", () => {
    // Windows [1] → [2, 4] and [2] → [4, 3]: (4 + 16 + 16 + 9) / 4.
    expect(meanSquaredError([[0, 0], [0, 0]], horizonWindows([1, 2, 4, 3], 1, 2))).toBe(45 / 4);
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
      expect(model.weights).toHaveLength(1);
      model.weights[0].forEach((v, i) => expect(v).toBeCloseTo(fit.weights[i], 9));
      expect(model.bias).toHaveLength(1);
      expect(model.bias[0]).toBeCloseTo(fit.bias, 9);
      model.predict(w).forEach((row, k) => expect(row[0]).toBeCloseTo(fit.predictions[k], 9));
    });
  }

  it("the default tiny ridge leaves a well-posed fit unchanged to 6 decimals", () => {
    const w = historyWindows(reference.noisy, 8);
    const model = fitLinear(w);
    model.weights[0].forEach((v, i) => expect(v).toBeCloseTo(reference.fits["8"].weights[i], 6));
  });

  for (const [n, period] of [[500, 50], [200, 25]]) {
    it(`finds x_{t+1} = 2cos(2π/P)·x_t - x_{t-1} for a pure sinusoid with lookback 2 (P = ${period})`, () => {
      const model = fitLinear(historyWindows(sinusoid(n, period), 2), 0);
      const [previous, latest] = model.weights[0];
      expect(latest).toBeCloseTo(2 * Math.cos((2 * Math.PI) / period), 9);
      expect(previous).toBeCloseTo(-1, 9);
      expect(model.bias[0]).toBeCloseTo(0, 9);
    });
  }

  it("matches numpy's lstsq on multi-step windows, one weight row and bias per target", () => {
    const windows: Windows = { kind: "history", inputs: leastSquares.inputs, targets: leastSquares.targets, start: [], lookback: 4 };
    const { weights, bias, predict } = fitLinear(windows, 0);
    // numpy's coefficients: [inputs + 1][targets], the bias in the last row.
    expect(weights).toHaveLength(3);
    weights.forEach((row, o) => row.forEach((w, i) => expect(w).toBeCloseTo(leastSquares.weights[i][o], 9)));
    bias.forEach((b, o) => expect(b).toBeCloseTo(leastSquares.weights[4][o], 9));
    const [row] = predict({ ...windows, inputs: [leastSquares.inputs[0]], targets: [leastSquares.targets[0]] });
    const expected = leastSquares.weights[0].map((_, o) => leastSquares.inputs[0].reduce((s, v, i) => s + v * leastSquares.weights[i][o], leastSquares.weights[4][o]));
    row.forEach((v, o) => expect(v).toBeCloseTo(expected[o], 8));
  });

  it("fits each step ahead of horizon windows exactly as a one-step fit to that step's targets", () => {
    const windows = horizonWindows(reference.noisy, 3, 4);
    const direct = fitLinear(windows, 0);
    for (let o = 0; o < 4; o++) {
      const single = fitLinear({ ...windows, targets: windows.targets.map((row) => [row[o]]) }, 0);
      direct.weights[o].forEach((w, i) => expect(w).toBeCloseTo(single.weights[0][i], 12));
      expect(direct.bias[o]).toBeCloseTo(single.bias[0], 12);
    }
  });

  it("on collinear windows (sinusoid, lookback 4) the ridge still predicts like numpy's minimum-norm fit", () => {
    const { n, period, lookback, predictions } = reference.sinusoid;
    const w = historyWindows(sinusoid(n, period), lookback);
    const model = fitLinear(w);
    model.predict(w).forEach(([v], k) => expect(v).toBeCloseTo(predictions[k], 6));
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
    expect(() => meanSquaredError([[1], [2]], historyWindows([1, 2, 4, 3], 1))).toThrow(/predictions: expected one row of predictions per window \(3\)/);
    expect(() => meanSquaredError([[1], [2, 3]], horizonWindows([1, 2, 4, 3], 1, 2))).toThrow(/predictions\[0\]: expected 2 values \(one per target\)/);
  });
});
