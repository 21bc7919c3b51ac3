/**
 * Grading one submission against a bundle. The sandbox reads a private copy of its exercises/ (regular
 * files only); each exercise's module runs in its own sandboxed child; the parent compares what came back
 * with the expected values it alone holds, and every case becomes an Outcome worded exactly as
 * `npm run check` words it. Hidden cases keep only "passed" / "failed".
 */
import { existsSync, rmSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { Meta, Outcome, grade, moduleProblem, refused } from "./core";
import type { Bundle, ExerciseReference, ReferenceCase } from "./references/bundle";
import { asCalls } from "./references/solve";
import { runCalls } from "./sandbox/calls";
import { copySubmission } from "./sandbox/copy";
import type { Limits } from "./sandbox/child";
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
}

export interface GradeOptions {
  /** The grader's installation: its node_modules, src/, dist/ and autograder/core serve the sandbox. */
  root: string;
  caseTimeoutMs: number;
  memoryMb: number;
  submissionTimeoutMs: number;
  /** How many exercises run at once. */
  jobs: number;
}

export async function gradeSubmission(submission: string, bundle: Bundle, options: GradeOptions): Promise<SubmissionResult> {
  const started = Date.now();
  const limits: Limits = { caseTimeoutMs: options.caseTimeoutMs, memoryMb: options.memoryMb, deadline: started + options.submissionTimeoutMs };
  let folder: string | undefined;
  let exercises: ExerciseResult[];
  try {
    folder = copySubmission(exercisesFolder(submission));
    const compiled = transpileFolder(folder);
    exercises = await pool(bundle.exercises, options.jobs, (exercise) => gradeExercise(folder!, compiled, exercise, limits, options.root));
  } catch (error) {
    const problem = `the submission could not be read: ${(error as Error).message}`;
    exercises = bundle.exercises.map((exercise) => refusedExercise(exercise, problem));
  } finally {
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
  const score = exercises.reduce((sum, e) => sum + e.points, 0);
  const maxScore = exercises.reduce((sum, e) => sum + e.maxPoints, 0);
  return { name: basename(resolve(submission)), exercises, score, maxScore, seconds: (Date.now() - started) / 1000 };
}

/** A submission is a student repository (graded: its exercises/) or an exercises folder itself. */
export function exercisesFolder(submission: string): string {
  const nested = join(resolve(submission), "exercises");
  return existsSync(nested) ? nested : resolve(submission);
}

async function gradeExercise(folder: string, compiled: Record<string, string>, exercise: ExerciseReference, limits: Limits, root: string): Promise<ExerciseResult> {
  const { meta, cases } = exercise;
  const entry = join(folder, meta.id, `${meta.module}.ts`);
  const refusal = moduleProblem(entry, meta);
  if (refusal) return refusedExercise(exercise, refusal);
  const results = await runCalls(sandboxTarget(folder, entry, root, "exercises", compiled), asCalls(cases), limits);
  return summed(meta, cases.map((c, i) => shown(c, grade(meta, c, c.expected, results[i]))));
}

/** Every case fails with `problem`, worded as the check words a module it cannot run. */
function refusedExercise(exercise: ExerciseReference, problem: string): ExerciseResult {
  return summed(exercise.meta, exercise.cases.map((c) => shown(c, refused(c, problem))));
}

/** Hidden cases keep only "passed" / "failed". */
function shown(c: ReferenceCase, outcome: Outcome): CaseOutcome {
  return { ...outcome, message: c.hidden ? (outcome.passed ? "passed" : "failed") : outcome.message, hidden: c.hidden };
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
