import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ArgumentError, Linear, Module, anchoredWindows, autoregressiveForecast, historyWindows, horizonErrors,
  horizonWindows, predictWindows, rmse, sinusoid, unanchor,
} from "../src";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** A model that adds `step` to the last value of each window: forward([B, L] or [B, L, 1]) → [B, 1]. */
class LastPlus extends Module {
  constructor(readonly step: number) {
    super();
  }
  forward(x: tf.Tensor): tf.Tensor {
    const [B, L] = x.shape;
    return x.reshape([B, L]).slice([0, L - 1], [B, 1]).add(this.step);
  }
}

describe("horizonWindows", () => {
  it("pairs L inputs with the next h values, for every start where both fit", () => {
    const w = horizonWindows([0, 1, 2, 3, 4, 5], 2, 3);
    expect(w.inputs).toEqual([[0, 1], [1, 2]]);
    expect(w.targets).toEqual([[2, 3, 4], [3, 4, 5]]);
    expect(w.start).toEqual([0, 1]);
    expect(w.kind).toBe("history");
  });

  it("with horizon 1 gives exactly the history windows", () => {
    const x = sinusoid(30, 10);
    expect(horizonWindows(x, 4, 1)).toEqual(historyWindows(x, 4));
  });

  it("says how long a horizon fits", () => {
    expect(() => horizonWindows([0, 1, 2, 3], 2, 3)).toThrow("horizon: expected at most 2 for a series of 4 points and lookback 2, received 3");
    expect(() => horizonWindows([0, 1, 2, 3], 2, 0)).toThrow(ArgumentError);
  });
});

describe("anchoredWindows", () => {
  it("subtracts each window's last input from its inputs and targets and keeps the anchors", () => {
    const w = anchoredWindows(horizonWindows([1, 2, 4, 8, 16], 2, 2));
    expect(w.inputs).toEqual([[-1, 0], [-2, 0]]);
    expect(w.targets).toEqual([[2, 6], [4, 12]]);
    expect(w.anchors).toEqual([2, 4]);
  });

  it("divides by the scale, and unanchor maps predictions back to the series' units", () => {
    const w = anchoredWindows(horizonWindows([1, 2, 4, 8, 16], 2, 2), 2);
    expect(w.inputs).toEqual([[-0.5, 0], [-1, 0]]);
    expect(w.targets).toEqual([[1, 3], [2, 6]]);
    expect(unanchor(w.targets, w)).toEqual([[4, 8], [8, 16]]);
    expect(() => unanchor([[1]], w)).toThrow(/windows: expected the anchored windows the 1 predictions were made on/);
    expect(() => anchoredWindows(w, 0)).toThrow("scale: expected a positive number, received 0");
  });
});

describe("autoregressiveForecast", () => {
  it("feeds each prediction back: last value + 1 becomes +1, +2, +3 ...", () => {
    const windows = tf.tensor3d([[[0], [5]], [[1], [-2]]]);
    const forecast = autoregressiveForecast(new LastPlus(1), windows, 3);
    expect(forecast.arraySync()).toEqual([[6, 7, 8], [-1, 0, 1]]);
  });

  it("anchored: the model sees windows ending in 0 and its answer is shifted back", () => {
    // LastPlus(1) on an anchored window answers 0 + 1, so the forecast climbs by 1 per step from the last value.
    const forecast = autoregressiveForecast(new LastPlus(1), tf.tensor2d([[3, 10]]), 2, { anchored: true });
    expect(forecast.arraySync()).toEqual([[11, 12]]);
  });

  it("keeps the window length the model was trained on", () => {
    const lengths: number[] = [];
    const spy = new (class extends LastPlus {
      override forward(x: tf.Tensor) {
        lengths.push(x.shape[1]!);
        return super.forward(x);
      }
    })(0);
    autoregressiveForecast(spy, tf.zeros([2, 4]), 3);
    expect(lengths).toEqual([4, 4, 4]);
  });

  it("rejects a model that does not give one value per window", () => {
    expect(() => autoregressiveForecast(new Linear(3, 2), tf.zeros([2, 3]), 2)).toThrow(/one value per window, \[2, 1\]/);
    expect(() => autoregressiveForecast(new LastPlus(0), tf.zeros([2, 3, 2]), 2)).toThrow(/windows: expected a tensor \[batch, lookback\]/);
  });
});

describe("horizonErrors", () => {
  it("is the RMSE at each step ahead", () => {
    const errors = horizonErrors([[1, 1], [1, 1]], [[1, 4], [1, -2]]);
    expect(Array.from(errors)).toEqual([0, 3]);
  });

  it("rejects predictions and targets that do not line up", () => {
    expect(() => horizonErrors([[1, 2]], [[1, 2], [3, 4]])).toThrow("predictions: expected 2 rows (one per target row), received 1");
    expect(() => horizonErrors([[1]], [[1, 2]])).toThrow(/rows of 2 values/);
    expect(() => horizonErrors([[1, NaN]], [[1, 2]])).toThrow(/predictions\[0\]: expected finite numbers only/);
  });
});

describe("rmse", () => {
  it("is the root mean squared error over every value: horizonErrors' for one column, their RMS for several", () => {
    const predictions = [[1, 2], [3, 5], [0, -1]];
    const targets = [[1.5, 2], [2, 3], [0.5, 1]];
    expect(rmse(predictions, targets)).toBeCloseTo(Math.sqrt((0.25 + 0 + 1 + 4 + 0.25 + 4) / 6), 12);
    const column = (rows: number[][]) => rows.map(([v]) => [v]);
    expect(rmse(column(predictions), column(targets))).toBe(horizonErrors(column(predictions), column(targets))[0]);
    const perStep = horizonErrors(predictions, targets);
    expect(rmse(predictions, targets)).toBeCloseTo(Math.sqrt((perStep[0] ** 2 + perStep[1] ** 2) / 2), 12);
  });

  it("rejects predictions and targets that do not line up", () => {
    expect(() => rmse([[1, 2]], [[1, 2], [3, 4]])).toThrow("predictions: expected 2 rows (one per target row), received 1");
    expect(() => rmse([[1]], [[1, 2]])).toThrow(/rows of 2 values/);
    expect(() => rmse([[1, 2]], [[1, NaN]])).toThrow(/targets\[0\]: expected finite numbers only/);
  });
});

describe("predictWindows", () => {
  it("runs the model on every window in batches and restores its training mode", () => {
    const windows = historyWindows([0, 1, 2, 3, 4, 5, 6], 2);
    const model = new LastPlus(0.5);
    const rows = predictWindows(model, windows, { batchSize: 2 });
    expect(rows).toEqual([[1.5], [2.5], [3.5], [4.5], [5.5]]);
    expect(model.training).toBe(true);
  });
});
