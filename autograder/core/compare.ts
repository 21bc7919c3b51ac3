import { MAX_NAME_CHARS, MAX_TEXT_CHARS, clip, listed } from "./limits";

/**
 * Comparing a student's answer with the expected one, and saying in words what differs: the shape first
 * (a wrong shape makes every value comparison noise), then the first differing value and how many differ.
 */

export interface Comparison {
  ok: boolean;
  /** Empty when ok; otherwise one or two sentences a student understands. */
  message: string;
}

/** How many mismatches to count before giving up (the count is reported as "N or more"). */
const COUNT_LIMIT = 1000;

/**
 * NaN never equals anything, NaN included: a NaN in an answer is a bug, not a value. The one exception is
 * a case that declares `expectsNaN` (`nanMatches`): there a NaN in the expected answer is matched by NaN.
 */
export function compare(expected: unknown, got: unknown, rtol: number, atol: number, nanMatches = false): Comparison {
  const shapeProblem = shapeDifference(expected, got, "");
  if (shapeProblem) return { ok: false, message: shapeProblem };
  const diffs: string[] = [];
  let count = 0;
  walk(expected, got, "", (path, e, g) => {
    if (closeEnough(e, g, rtol, atol, nanMatches)) return;
    if (count === 0) diffs.push(`first difference at ${path || "the value"}: expected ${show(e)}, got ${show(g)}`);
    count++;
  });
  if (count === 0) return { ok: true, message: "" };
  const more = count > 1 ? ` (${count >= COUNT_LIMIT ? `${COUNT_LIMIT} or more` : count} values differ)` : "";
  return { ok: false, message: `values differ: ${diffs[0]}${more}` };
}

/** The shape of a value as the student would write it: [3, 2] for 3 rows of 2 numbers. */
export function shapeOf(value: unknown): string {
  if (Array.isArray(value)) {
    const inner = value.length ? shapeOf(value[0]) : "";
    return inner.startsWith("[") ? `[${value.length}, ${inner.slice(1)}` : `[${value.length}]`;
  }
  return kind(value);
}

/** Describes the first place where the structure of `got` differs from `expected`, or "" if none. */
function shapeDifference(expected: unknown, got: unknown, path: string): string {
  const where = path ? ` at ${path}` : "";
  if (Array.isArray(expected)) {
    if (!Array.isArray(got)) return `expected an array of shape ${shapeOf(expected)}${where}, got ${kindWithShape(got)}`;
    if (got.length !== expected.length) {
      return `wrong shape${where}: expected ${shapeOf(expected)}, got ${shapeOf(got)} (length ${got.length} instead of ${expected.length})`;
    }
    for (let i = 0; i < expected.length; i++) {
      const inner = shapeDifference(expected[i], got[i], `${path}[${i}]`);
      if (inner) return inner;
    }
    return "";
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(got)) return `expected an object with fields {${Object.keys(expected).join(", ")}}${where}, got ${kindWithShape(got)}`;
    const missing = Object.keys(expected).filter((k) => !(k in got));
    if (missing.length) return `missing field${missing.length > 1 ? "s" : ""} ${missing.map((k) => `"${k}"`).join(", ")}${where}`;
    for (const key of Object.keys(expected)) {
      const inner = shapeDifference(expected[key], got[key], `${path}.${key}`);
      if (inner) return inner;
    }
    return "";
  }
  if (typeof expected === "number") {
    return typeof got === "number" ? "" : `expected a number${where}, got ${kindWithShape(got)}`;
  }
  return typeof got === typeof expected ? "" : `expected ${kind(expected)}${where}, got ${kindWithShape(got)}`;
}

/** Calls `visit` on every leaf of `expected` with the leaf of `got` at the same path (shapes already match). */
function walk(expected: unknown, got: unknown, path: string, visit: (path: string, e: unknown, g: unknown) => void): void {
  if (Array.isArray(expected)) {
    expected.forEach((e, i) => walk(e, (got as unknown[])[i], `${path}[${i}]`, visit));
  } else if (isPlainObject(expected)) {
    for (const key of Object.keys(expected)) walk(expected[key], (got as Record<string, unknown>)[key], `${path}.${key}`, visit);
  } else {
    visit(path, expected, got);
  }
}

function closeEnough(e: unknown, g: unknown, rtol: number, atol: number, nanMatches: boolean): boolean {
  if (typeof e === "number" && typeof g === "number") {
    if (Number.isNaN(e) || Number.isNaN(g)) return nanMatches && Number.isNaN(e) && Number.isNaN(g);
    if (!Number.isFinite(e) || !Number.isFinite(g)) return e === g;
    return Math.abs(e - g) <= atol + rtol * Math.abs(e);
  }
  return e === g;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
  if (value === undefined) return "nothing (undefined: is a `return` missing?)";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : "a number";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function kindWithShape(value: unknown): string {
  if (Array.isArray(value)) return `an array of shape ${shapeOf(value)}`;
  if (isPlainObject(value)) return `an object with fields {${listed(Object.keys(value))}}`;
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : `the number ${show(value)}`;
  return kind(value);
}

/** A number as a student reads it: 6 significant digits, NaN spelled out; anything else as (clipped) JSON. */
export function show(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (value === undefined) return "undefined";
  return clip(JSON.stringify(value) ?? String(value), typeof value === "string" ? MAX_TEXT_CHARS : MAX_NAME_CHARS);
}
