/**
 * Numbers as the notebooks print them: a fixed number of digits, vectors in brackets, and no
 * "-0.0000" (a value that rounds to zero prints as zero, whichever side of zero it lies on).
 */
import { check } from "../errors";

/** `value` with `digits` digits after the point (4 by default), e.g. "0.1253"; never "-0.0000". */
export function formatNumber(value: number, digits = 4): string {
  check(typeof value === "number", "value", "a number", value);
  check(
    Number.isInteger(digits) && digits >= 0 && digits <= 100,
    "digits",
    "an integer from 0 to 100",
    digits,
  );
  const text = value.toFixed(digits);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** A vector as "[0.1253, -0.1253]", each entry by `formatNumber`. */
export function formatVector(values: ArrayLike<number>, digits = 4): string {
  check(
    typeof values === "object" && values !== null && typeof values.length === "number",
    "values",
    "an array of numbers",
    values,
  );
  return `[${Array.from(values, (v) => formatNumber(v, digits)).join(", ")}]`;
}
