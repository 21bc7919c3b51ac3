/**
 * Grading one submission against a bundle. The sandbox reads a private copy of its exercises/ (regular
 * files only); each exercise's module runs in its own sandboxed child; the parent compares what came back
 * with the expected values it alone holds, and every case becomes an Outcome worded exactly as
 * `npm run check` words it. Hidden cases keep only "passed" / "failed".
 */
import { existsSync, rmSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { Outcome, encode } from "./core";
import { describeCall, grade } from "../tools/check/grade";
import { forbiddenImports } from "../tools/check/imports";
import type { Bundle, ExerciseReference, ReferenceCase } from "./references/bundle";
import { asCalls } from "./references/solve";
import { runCalls } from "./sandbox/calls";
import { copySubmission } from "./sandbox/copy";
import type { CallResult, Limits } from "./sandbox/child";
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
    exercises = bundle.exercises.map((exercise) => refused(exercise, problem));
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
  const refusal = !existsSync(entry)
    ? `${meta.module}.ts is missing from ${meta.id}/: the notebook and the check expect this file name`
    : forbiddenImports(entry, meta);
  if (refusal) return refused(exercise, refusal);
  return scored(exercise, await runCalls(sandboxTarget(folder, entry, root, "exercises", compiled), asCalls(cases), limits));
}

/** Every case fails with `problem`, worded as the check words a module it cannot run. */
function refused(exercise: ExerciseReference, problem: string): ExerciseResult {
  const result = scored(exercise, exercise.cases.map(() => ({ kind: "load-error", message: problem })));
  for (const [i, o] of result.outcomes.entries()) if (!o.hidden) o.message = `called   ${describeCall(exercise.cases[i])}\nproblem  ${problem}`;
  return result;
}

function scored(exercise: ExerciseReference, results: CallResult[]): ExerciseResult {
  const { meta, cases } = exercise;
  const outcomes = cases.map((c, i) => judge(exercise, c, results[i]));
  return {
    id: meta.id,
    title: meta.title,
    outcomes,
    points: outcomes.reduce((sum, o) => sum + o.points, 0),
    maxPoints: outcomes.reduce((sum, o) => sum + o.maxPoints, 0),
  };
}

function judge(exercise: ExerciseReference, c: ReferenceCase, result: CallResult): CaseOutcome {
  const reply = result.kind === "value" ? { kind: "value" as const, value: encode(result.value) } : result;
  const outcome = grade(exercise.meta, c, c.expected, reply);
  if (c.hidden) outcome.message = outcome.passed ? "passed" : "failed";
  return { ...outcome, hidden: c.hidden };
}
