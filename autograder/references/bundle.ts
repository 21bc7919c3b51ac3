/**
 * The autograder bundle: everything the grader knows that a student must not, in one file. For every
 * exercise its meta, every case (public, hidden, and hidden ones drawn from the course's seed) with the
 * solution's answer, and, when hidden.ts can draw, the solution's sources so the grader can draw and answer
 * those cases again from an instructor's seed at grading time.
 * It lives outside what the sandbox may read; it is written with the core's NaN-safe JSON.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Case, Meta, decode, encode } from "../core";

export const BUNDLE_FORMAT = "rnn-course-autograder-bundle/2";

export interface ReferenceCase extends Case {
  hidden: boolean;
  /** Drawn by hidden.ts's `draw` (from the course's seed at build time): redrawn when grading with a seed. */
  drawn?: boolean;
  expected: unknown;
}

export interface ExerciseReference {
  meta: Meta;
  cases: ReferenceCase[];
  /** Present when hidden.ts exports `draw`: what drawing and answering its cases again from a seed needs. */
  solution?: {
    /** Where the exercise folders sat, relative to the grader's root (their relative imports start there). */
    folder: string;
    /** The exercise folder's TypeScript, file name -> source. */
    files: Record<string, string>;
  };
}

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  exercises: ExerciseReference[];
}

export function writeBundle(path: string, bundle: Bundle): void {
  writeFileSync(path, encode(bundle) + "\n");
}

export function readBundle(path: string): Bundle {
  const bundle = decode(readFileSync(path, "utf8")) as Bundle;
  if (bundle?.format !== BUNDLE_FORMAT) throw new Error(`${path} is not an autograder bundle (format ${BUNDLE_FORMAT}); rebuild it with npm run autograder:build`);
  return bundle;
}
