/**
 * Using a trained model: its predictions on a set of windows, forecasts several steps ahead, and
 * how the error grows with the horizon.
 *
 * Two ways to get h future values out of a model:
 *   autoregressive  train a one-step model, then roll it forward: predict x_{t+1}, append the prediction to
 *                   the window as if it had been observed, predict x_{t+2}, ... Its errors feed back in.
 *   direct          train a model whose output has h values, one per step ahead (`horizonWindows`).
 *
 * The honest yardsticks any forecaster must beat, one-step or direct: `persistence`
 * (tomorrow = today) and `fitLinear`, a linear model of the last L values fitted by least squares
 * (both in analysis/baselines.ts).
 */
import * as tf from "@tensorflow/tfjs";
import type { Windows } from "../data/windows";
import { check, checkOptions, checkRows } from "../errors";
import { Module } from "../nn/module";

/**
 * Rolls a one-step model forward `horizon` steps. `model.forward(window)` must give the next value
 * [B, 1] for windows [B, L] or [B, L, 1]; each prediction is appended to the window and its oldest
 * value dropped, so the model always reads windows as long as those it was trained on. Returns [B,
 * horizon]. `anchored: true` is for a model trained on `anchoredWindows`: before each step the
 * window is moved so its last value is 0, and that value is added back to the prediction.
 */
export function autoregressiveForecast(
  model: Module,
  windows: tf.Tensor,
  horizon: number,
  options: { anchored?: boolean } = {},
): tf.Tensor2D {
  checkOptions(options, ["anchored"], "autoregressiveForecast options");
  const { anchored = false } = options;
  check(model instanceof Module, "model", "a Module predicting the next value", model);
  check(
    windows instanceof tf.Tensor &&
      (windows.rank === 2 || (windows.rank === 3 && windows.shape[2] === 1)),
    "windows",
    "a tensor [batch, lookback] or [batch, lookback, 1]",
    windows,
  );
  check(
    Number.isInteger(horizon) && horizon > 0,
    "horizon",
    "a positive integer (steps ahead)",
    horizon,
  );
  const [B, L] = windows.shape;
  return tf.tidy(() => {
    let window = windows.reshape([B, L]);
    const predictions: tf.Tensor[] = [];
    for (let k = 0; k < horizon; k++) {
      const anchor = anchored ? window.slice([0, L - 1], [B, 1]) : tf.zeros([B, 1]);
      const seen = window.sub(anchor);
      const next = model.forward(windows.rank === 3 ? seen.reshape([B, L, 1]) : seen) as tf.Tensor;
      check(
        next.size === B,
        `${model.constructor.name}.forward(window)`,
        `one value per window, [${B}, 1]`,
        next,
      );
      const value = next.reshape([B, 1]).add(anchor);
      predictions.push(value);
      window = tf.concat([window.slice([0, 1], [B, L - 1]), value], 1);
    }
    return tf.concat(predictions, 1) as tf.Tensor2D;
  });
}

/**
 * Runs `model` on every window's inputs (in batches, no gradients, eval mode) and returns its
 * outputs as rows, one per window: [N][outputs]. `featureAxis` feeds [B, L, 1] as recurrent layers
 * want.
 */
export function predictWindows(
  model: Module,
  windows: Windows,
  options: { featureAxis?: boolean; batchSize?: number } = {},
): number[][] {
  checkOptions(options, ["featureAxis", "batchSize"], "predictWindows options");
  const { featureAxis = true, batchSize = 256 } = options;
  check(model instanceof Module, "model", "a Module", model);
  checkRows(windows?.inputs, "windows.inputs");
  const wasTraining = model.training;
  model.eval();
  const rows: number[][] = [];
  try {
    for (let start = 0; start < windows.inputs.length; start += batchSize) {
      const batch = windows.inputs.slice(start, start + batchSize);
      const out = tf.tidy(() => {
        const x = tf.tensor2d(batch);
        return model.forward(featureAxis ? x.expandDims(2) : x) as tf.Tensor;
      });
      const width = out.size / batch.length;
      const data = out.dataSync();
      out.dispose();
      for (let k = 0; k < batch.length; k++)
        rows.push(Array.from(data.subarray(k * width, (k + 1) * width)));
    }
  } finally {
    model.train(wasTraining);
  }
  return rows;
}

/**
 * Root mean squared error at each step ahead: entry k is the RMSE of every window's
 * (k+1)-step-ahead prediction. Predictions and targets are [N][horizon] rows; the curve shows how
 * error grows with horizon.
 */
export function horizonErrors(predictions: number[][], targets: number[][]): Float64Array {
  const horizon = checkSameShape(predictions, targets);
  const errors = new Float64Array(horizon);
  for (let k = 0; k < horizon; k++) {
    const sum = predictions.reduce((s, row, n) => s + (row[k] - targets[n][k]) ** 2, 0);
    errors[k] = Math.sqrt(sum / predictions.length);
  }
  return errors;
}

/**
 * Root mean squared error over every value of every row: √(mean of (prediction - target)²).
 * Predictions and targets are rows of the same shape, [N][outputs]; with one output per row it is
 * `horizonErrors(...)[0]`.
 */
export function rmse(predictions: number[][], targets: number[][]): number {
  const width = checkSameShape(predictions, targets);
  let sum = 0;
  predictions.forEach((row, n) => row.forEach((p, k) => (sum += (p - targets[n][k]) ** 2)));
  return Math.sqrt(sum / (predictions.length * width));
}

/** Predictions and targets as rows of the same shape, [N][width]: returns the width. */
function checkSameShape(predictions: number[][], targets: number[][]): number {
  checkRows(predictions, "predictions");
  checkRows(targets, "targets");
  check(
    predictions.length === targets.length,
    "predictions",
    `${targets.length} rows (one per target row)`,
    predictions.length,
  );
  const width = targets[0].length;
  check(
    predictions[0].length === width,
    "predictions",
    `rows of ${width} values (as the targets)`,
    predictions[0].length,
  );
  return width;
}
