/**
 * Windows relative to their last value: predict the change instead of the level.
 *
 * A model trained on levels only knows the range of levels it saw; on a trending series (CO2) validation and
 * test levels lie above anything in training, and a network must extrapolate. Subtracting each window's last
 * input x_t from its inputs and target turns "predict x_{t+1}" into "predict x_{t+1} - x_t", whose range does
 * not drift with the trend. Nothing is lost: prediction + x_t gives the level back, with the same error, and
 * persistence becomes the model that always predicts 0.
 */
import { check } from "./errors";
import { Windows } from "./windows";

/** History windows with inputs x - x_t and targets x_{t+k} - x_t, where x_t is each window's last input. */
export function relativeToLast(windows: Windows): Windows {
  check(Array.isArray(windows?.inputs) && windows.inputs.length > 0, "windows", "history windows (from historyWindows), at least one", windows);
  check(windows.kind === "history", "windows.kind", '"history" (targets that follow the window)', windows.kind);
  const last = windows.inputs.map((input) => input[input.length - 1]);
  return {
    ...windows,
    inputs: windows.inputs.map((input, k) => input.map((v) => v - last[k])),
    targets: windows.targets.map((row, k) => row.map((v) => v - last[k])),
  };
}
