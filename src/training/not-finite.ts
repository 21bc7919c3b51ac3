/**
 * The training loops' stop on a NaN or infinite loss (or gradient norm). It comes after the
 * backward and before the update, so the parameters keep their last finite values, and the error
 * says where training stopped and what to try.
 */
import { ArgumentError } from "../errors";

/**
 * Throws unless `value` is finite: `what` is "loss" or "gradient norm", `at` e.g. "epoch 3, step
 * 12".
 */
export function stopIfNotFinite(what: string, value: number, at: string): void {
  if (Number.isFinite(value)) return;
  throw new ArgumentError(
    `${what} at ${at}`,
    "a finite number",
    value,
    "The update was skipped, so the parameters keep their last finite values. " +
      "Try a lower learning rate, gradient clipping, or check the data for NaN",
  );
}
