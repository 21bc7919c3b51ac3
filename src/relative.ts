/**
 * Windows relative to their last value: predict the change instead of the level.
 *
 * A model trained on levels only knows the range of levels it saw; on a trending series (CO2) validation and
 * test levels lie above anything in training, and a network must extrapolate. Subtracting each window's last
 * input x_t from its inputs and target turns "predict x_{t+1}" into "predict x_{t+1} - x_t", whose range does
 * not drift with the trend. Nothing is lost: prediction + x_t gives the level back, with the same error, and
 * persistence becomes the model that always predicts 0. Dividing by a scale as well makes windows of log
 * prices scale-free, so a model trained on one stock can read another.
 */
import { check, checkRows } from "./errors";
import { Windows } from "./windows";

/** Windows re-expressed relative to their last input (see `anchoredWindows`). */
export interface AnchoredWindows extends Windows {
  /** anchors[k]: the last input of window k, in the series' units. */
  anchors: number[];
  /** The common divisor of every anchored value. */
  scale: number;
}

/**
 * The same windows, each moved so that its last input is 0 and divided by `scale`: (value - anchor) / scale.
 * A model then learns changes, not levels, so a trend that leaves the training range does not leave the
 * model's range; on log prices every window becomes scale-free (0.1 is +10.5 % whatever the price), so a
 * model trained on one stock can read another. `unanchor` maps predictions back.
 */
export function anchoredWindows(windows: Windows, scale = 1): AnchoredWindows {
  check(Array.isArray(windows?.inputs) && windows.inputs.length > 0, "windows", "windows from historyWindows or horizonWindows", windows);
  check(windows.kind === "history", "windows.kind", '"history" (targets that follow the window)', windows.kind);
  check(Number.isFinite(scale) && scale > 0, "scale", "a positive number", scale);
  const anchors = windows.inputs.map((input) => input[input.length - 1]);
  const shift = (rows: number[][]) => rows.map((row, k) => row.map((v) => (v - anchors[k]) / scale));
  return { ...windows, inputs: shift(windows.inputs), targets: shift(windows.targets), start: [...windows.start], anchors, scale };
}

/** Predictions [N][h] made on anchored windows, back in the series' units: anchor + scale · prediction. */
export function unanchor(predictions: number[][], windows: AnchoredWindows): number[][] {
  checkRows(predictions, "predictions");
  check(Array.isArray(windows?.anchors) && windows.anchors.length === predictions.length, "windows",
    `the anchored windows the ${predictions.length} predictions were made on`, windows);
  return predictions.map((row, k) => row.map((v) => windows.anchors[k] + windows.scale * v));
}
