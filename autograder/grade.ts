/**
 * Grading one submission against a bundle. The sandbox reads a private copy of its exercises/ (regular
 * files; links that leave the submission refused and named); each exercise's module runs in its own
 * sandboxed child; the parent compares what came back with the expected values it alone holds, and every
 * case becomes an Outcome (core/grade.ts). Hidden cases keep only "passed" / "failed". Whatever a
 * submission does, grading it ends in a result: a failure scores it 0 with the reason. `npm run check`
 * grades a student's public cases through here too (tools/check/check.ts).
 */
import { basename, join } from "node:path";
import { Allowance, MAX_EXERCISE_CHARS, MAX_NAME_CHARS, MAX_SUBMISSION_CHARS, Meta, Outcome, clip, grade, missingModule, refused } from "./core";
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
  /**
   * A hidden case's real id and feedback, for the instructor's report only: students see a neutral id
   * ("hidden-2", its place among the exercise's hidden cases) and "passed" or "failed".
   */
  instructor?: { id: string; message: string };
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
    notes = notGraded(copy.refused);
    const compiled = transpileFolder(copy.folder, { keep: false }); // a student's work is not kept
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

/** The whole result, its feedback (files not graded first, then the exercises in order) within the submission's allowance. */
function summary(submission: string, graded: ExerciseResult[], started: number, isolation: Isolation, notGradedNotes: string[]): SubmissionResult {
  const allowance = new Allowance(MAX_SUBMISSION_CHARS, "this submission");
  const notes = notGradedNotes.map((note) => allowance.take(note));
  const exercises = graded.map((exercise) => ({ ...exercise, outcomes: exercise.outcomes.map((outcome) => within(allowance, outcome)) }));
  const score = exercises.reduce((sum, e) => sum + e.points, 0);
  const maxScore = exercises.reduce((sum, e) => sum + e.maxPoints, 0);
  return { name: basename(submission), exercises, score, maxScore, seconds: (Date.now() - started) / 1000, isolation: isolation.summary, notes };
}

/** How many files not graded the results name one by one. */
const MAX_NOTES = 20;

/** One line per file not graded (the first MAX_NOTES), its path cut to a readable length. */
function notGraded(refusedFiles: Refused[]): string[] {
  const lines = refusedFiles.slice(0, MAX_NOTES).map(({ path, why }) => `not graded: ${clip(path, MAX_NAME_CHARS)} (${why})`);
  if (refusedFiles.length > MAX_NOTES) lines.push(`not graded: ${refusedFiles.length - MAX_NOTES} more files, not named here`);
  return lines;
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
  // Each answer is compared as it arrives: what a student's function returned is never kept.
  const outcomes = await runCalls(target, asCalls(cases), limits, (result, i) => grade(meta, cases[i], cases[i].expected, result));
  return summed(exercise, outcomes);
}

/** Every case fails with `problem`, worded as the check words a module it cannot run. */
function refusedExercise(exercise: ExerciseReference, problem: string): ExerciseResult {
  return summed(exercise, exercise.cases.map((c) => refused(c, problem)));
}

/**
 * The exercise's outcomes as reports show them: hidden cases under a neutral id with only "passed" or
 * "failed" (their id names the edge case they test), and all feedback within the exercise's allowance.
 */
function summed({ meta, cases }: ExerciseReference, outcomes: Outcome[]): ExerciseResult {
  const allowance = new Allowance(MAX_EXERCISE_CHARS, "this exercise");
  let hiddenSeen = 0;
  const shown = outcomes.map((outcome, i): CaseOutcome => {
    if (!cases[i].hidden) return within(allowance, { ...outcome, hidden: false });
    const verdict = outcome.passed ? "passed" : "failed";
    const instructor = { id: outcome.id, message: outcome.message };
    return { ...outcome, id: `hidden-${++hiddenSeen}`, message: verdict, problem: outcome.passed ? "" : verdict, hidden: true, instructor };
  });
  return {
    id: meta.id,
    title: meta.title,
    outcomes: shown,
    points: shown.reduce((sum, o) => sum + o.points, 0),
    maxPoints: shown.reduce((sum, o) => sum + o.maxPoints, 0),
  };
}

/** An outcome whose feedback is cut to what `allowance` has left (its problem then to its first line). */
function within(allowance: Allowance, outcome: CaseOutcome): CaseOutcome {
  const message = allowance.take(outcome.message);
  if (message === outcome.message) return outcome;
  return { ...outcome, message, problem: clip(outcome.problem.split("\n")[0], MAX_NAME_CHARS) };
}
