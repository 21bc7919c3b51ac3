/**
 * Grading one submission against a bundle. The sandbox reads a private copy of its exercises/ (regular
 * files; links that leave the submission refused and named); each exercise's module runs in its own
 * sandboxed child; the parent compares what came back with the expected values it alone holds, and every
 * case becomes an Outcome (core/grade.ts). Hidden cases keep only "passed" / "failed". Whatever a
 * submission does, grading it ends in a result: a failure scores it 0 with the reason. `npm run check`
 * grades a student's public cases through here too (tools/check/check.ts).
 */
import { basename, join } from "node:path";
import { Meta, Outcome, grade, missingModule, refused } from "./core";
import type { Bundle, ExerciseReference, ReferenceCase } from "./references/bundle";
import { asCalls } from "./references/solve";
import { runCalls } from "./sandbox/calls";
import type { Limits } from "./sandbox/child";
import { SubmissionRefused, copySubmission, type Refused } from "./sandbox/copy";
import type { Isolation } from "./sandbox/isolation";
import { removeFolder, scratchFolder } from "./sandbox/scratch";
import { pool } from "./pool";
import { sandboxTarget } from "./sandbox/target";
import { transpileFolder } from "./sandbox/transpile";

export interface CaseOutcome extends Outcome {
  hidden: boolean;
}

export interface ExerciseResult {
  id: string;
  title: string;
  outcomes: CaseOutcome[];
  points: number;
  maxPoints: number;
}

export interface SubmissionResult {
  name: string;
  exercises: ExerciseResult[];
  score: number;
  maxScore: number;
  seconds: number;
  /** What isolated student code, in one line (a warning when the OS sandbox was missing). */
  isolation: string;
  /** Files of the submission that were not graded, and why. */
  notes: string[];
}

export interface GradeOptions {
  /** The grader's installation: its node_modules, src/, dist/ and autograder/core serve the sandbox. */
  root: string;
  caseTimeoutMs: number;
  memoryMb: number;
  submissionTimeoutMs: number;
  /** A function that ran out of time once is not called again (npm run check's rule; the grader calls every case). */
  oneTimeoutPerFunction?: boolean;
  /** How many exercises run at once. */
  jobs: number;
  isolation: Isolation;
  /** Called with each exercise's result as soon as it is graded, and its index in the bundle. */
  onExercise?: (result: ExerciseResult, index: number) => void;
}

/** `submission`: a student repository (its exercises/ is graded) or an exercises folder itself. */
export async function gradeSubmission(submission: string, bundle: Bundle, options: GradeOptions): Promise<SubmissionResult> {
  const started = Date.now();
  const limits: Limits = { caseTimeoutMs: options.caseTimeoutMs, memoryMb: options.memoryMb, deadline: started + options.submissionTimeoutMs, isolation: options.isolation, oneTimeoutPerFunction: options.oneTimeoutPerFunction };
  const scratch = scratchFolder("submission");
  let notes: string[] = [];
  let exercises: ExerciseResult[];
  try {
    const copy = copySubmission(submission, scratch);
    notes = copy.refused.map(({ path, why }) => `not graded: ${path} (${why})`);
    const compiled = transpileFolder(copy.folder);
    exercises = await pool(bundle.exercises, options.jobs, async (exercise, index) => {
      const result = await gradeExercise(copy.folder, compiled, exercise, limits, options.root, copy.refused);
      options.onExercise?.(result, index);
      return result;
    });
  } catch (error) {
    const why = error instanceof SubmissionRefused ? error.message : `the submission could not be read: ${(error as Error).message}`;
    exercises = bundle.exercises.map((exercise) => refusedExercise(exercise, why));
  } finally {
    removeFolder(scratch);
  }
  return summary(submission, exercises, started, options.isolation, notes);
}

/** The result of a submission whose grading failed: 0 points, every case saying why. */
export function failedSubmission(submission: string, bundle: Bundle, why: string, isolation: Isolation): SubmissionResult {
  const exercises = bundle.exercises.map((exercise) => refusedExercise(exercise, `the grader failed on this submission (${why}); tell your instructor`));
  return summary(submission, exercises, Date.now(), isolation, []);
}

function summary(submission: string, exercises: ExerciseResult[], started: number, isolation: Isolation, notes: string[]): SubmissionResult {
  const score = exercises.reduce((sum, e) => sum + e.points, 0);
  const maxScore = exercises.reduce((sum, e) => sum + e.maxPoints, 0);
  return { name: basename(submission), exercises, score, maxScore, seconds: (Date.now() - started) / 1000, isolation: isolation.summary, notes };
}

async function gradeExercise(folder: string, compiled: Record<string, string>, exercise: ExerciseReference, limits: Limits, root: string, refusedFiles: Refused[]): Promise<ExerciseResult> {
  const { meta, cases } = exercise;
  const file = `${meta.module}.ts`;
  const left = refusedFiles.find((r) => r.path === join(meta.id, file) || r.path === join("exercises", meta.id, file));
  if (left) return refusedExercise(exercise, `${file} is ${left.why}: the grader does not follow it`);
  const entry = join(folder, meta.id, file);
  const missing = missingModule(entry);
  if (missing) return refusedExercise(exercise, missing);
  const target = sandboxTarget(folder, entry, root, { compiled, libraryImports: meta.libraryImports ?? [] });
  const results = await runCalls(target, asCalls(cases), limits);
  return summed(meta, cases.map((c, i) => shown(c, grade(meta, c, c.expected, results[i]))));
}

/** Every case fails with `problem`, worded as the check words a module it cannot run. */
function refusedExercise(exercise: ExerciseReference, problem: string): ExerciseResult {
  return summed(exercise.meta, exercise.cases.map((c) => shown(c, refused(c, problem))));
}

/** Hidden cases keep only "passed" / "failed". */
function shown(c: ReferenceCase, outcome: Outcome): CaseOutcome {
  if (!c.hidden) return { ...outcome, hidden: false };
  const verdict = outcome.passed ? "passed" : "failed";
  return { ...outcome, message: verdict, problem: outcome.passed ? "" : verdict, hidden: true };
}

function summed(meta: Meta, outcomes: CaseOutcome[]): ExerciseResult {
  return {
    id: meta.id,
    title: meta.title,
    outcomes,
    points: outcomes.reduce((sum, o) => sum + o.points, 0),
    maxPoints: outcomes.reduce((sum, o) => sum + o.maxPoints, 0),
  };
}
