/**
 * The autograder bundle: everything the grader knows that a student must not, in one file. For every
 * exercise its meta, every case (public, hidden, and hidden ones drawn from the course's seed) with the
 * solution's answer (null for a judged case, whose answer the experiment judges), the experiment that judges
 * answers where cases are judged, and, when hidden.ts can draw, the solution's sources so the grader can draw and answer
 * those cases again from an instructor's seed at grading time.
 * It lives outside what the sandbox may read; it is written with the core's NaN-safe JSON.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Case, Meta, decode, encode } from "../core";

export const BUNDLE_FORMAT = "rnn-course-autograder-bundle/3";

export interface ReferenceCase extends Case {
  hidden: boolean;
  /** Drawn by hidden.ts's `draw` (from the course's seed at build time): redrawn when grading with a seed. */
  drawn?: boolean;
  expected: unknown;
}

/** An exercise's experiment (experiment.ts and the files it imports), which judges the answers of judged cases. */
export interface ExperimentFiles {
  /** Where the exercise folders sat, relative to the grader's root (their relative imports start there). */
  folder: string;
  /** File name -> source. */
  files: Record<string, string>;
}

export interface ExerciseReference {
  meta: Meta;
  cases: ReferenceCase[];
  /** Present when cases are judged (core/verdict.ts): the experiment that judges them. */
  experiment?: ExperimentFiles;
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
