/**
 * The shapes shared by the student check (`npm run check`) and the autograder: what an exercise is, what a
 * case asks, and what grading a case gives back. Everything here is plain JSON, so cases can cross process
 * boundaries and be stored without code.
 */

/** One call to grade: `fn(...args)` from the exercise module, compared with the solution's answer. */
export interface Case {
  /** Unique within the exercise, e.g. "history-2-sinusoid". */
  id: string;
  /** Name of the exported function called. */
  fn: string;
  /** JSON-serialisable arguments (numbers, nested arrays, plain objects). */
  args: unknown[];
  points: number;
  /** Relative and absolute tolerance (defaults DEFAULT_RTOL / DEFAULT_ATOL). */
  rtol?: number;
  atol?: number;
  /** Shown to the student when the case fails (public cases only). */
  hint?: string;
  /**
   * The answer holds NaN on purpose, and a NaN there is matched only by NaN. Without it NaN never equals
   * anything, and the bundle build refuses a case whose reference holds NaN.
   */
  expectsNaN?: boolean;
}

/** The result of grading one case. */
export interface Outcome {
  id: string;
  passed: boolean;
  points: number;
  maxPoints: number;
  /** What was called, expected vs got (shape first, then the first differing index), and the hint. */
  message: string;
  /** What went wrong, in one or two sentences ("" when the case passed). */
  problem: string;
}

/**
 * What calling a student's function gave back: a value, or why there is none (the sandbox's report of a
 * call, for the autograder and `npm run check` alike).
 */
export type CallResult =
  | { kind: "value"; value: unknown }
  | { kind: "error"; name: string; message: string }
  /** It returned something the grader does not read (too large, too deep), said in `message`. */
  | { kind: "unreadable"; message: string }
  /** `exports`: the functions the module exports (the first few), `more`: how many others it does. */
  | { kind: "missing-export"; exports: string[]; more?: number }
  | { kind: "load-error"; message: string }
  | { kind: "timeout"; ms: number; after?: string } // after: the case of the same function that ran out of time (not run again)
  | { kind: "crash"; message: string };

/** An exercise's description (`meta.json` next to its module). */
export interface Meta {
  /** Folder name, e.g. "ex01-lookback"; the short id is its prefix "ex01". */
  id: string;
  title: string;
  /** The student module's file name without extension, e.g. "lookback" for lookback.ts. */
  module: string;
  /** The functions students implement, in the order the notebook introduces them. */
  functions: string[];
  /** The lecture section the exercise follows. */
  lecture: string;
  /**
   * Names the module may import from the course library `rnn-course` (e.g. "NotImplementedError",
   * "sinusoid"). Anything else is refused, so the library cannot answer the exercise.
   */
  libraryImports: string[];
}

export const DEFAULT_RTOL = 1e-5;
export const DEFAULT_ATOL = 1e-6;

/** Released stubs throw this (from the course library): message `not implemented: <exercise>.<function>`. */
export { NotImplementedError } from "../../src/errors";
