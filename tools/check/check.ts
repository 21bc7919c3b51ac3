/**
 * The student check: runs exercises' public cases against the student's modules exactly as the autograder
 * grades a submission (autograder/grade.ts): a private copy of the exercises folder, each module in its own
 * sandboxed child (autograder/sandbox/), the library rule applied to every module as it is resolved, the
 * same feedback. Never throws because of the student's code: a missing file, a bad import or a crash
 * becomes an Outcome.
 */
import { realpathSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname } from "node:path";
import { Case, Outcome, moduleProblem, refused } from "../../autograder/core";
import { gradeSubmission, type ExerciseResult } from "../../autograder/grade";
import { BUNDLE_FORMAT, type Bundle, type ExerciseReference } from "../../autograder/references/bundle";
import { isolationFor } from "../../autograder/sandbox/isolation";
import { Exercise, ROOT, expectedAnswers, loadExercise } from "./exercise";

export interface Report {
  id: string;
  title: string;
  outcomes: Outcome[];
  points: number;
  maxPoints: number;
}

export interface CheckOptions {
  /** Milliseconds for loading a module and for each case. */
  timeoutMs?: number;
  /** The cases to run, for every exercise checked (default: each exercise's public cases). */
  cases?: Case[];
  /** Called once per exercise, in the order of the folders, as soon as its report and those before it are ready. */
  onReport?: (report: Report) => void;
}

export interface Check {
  reports: Report[];
  /** Files the check (and the grader) leave out, and why: links that leave the exercises folder, devices... */
  notes: string[];
}

/**
 * Public cases run in milliseconds (the solutions' slowest in under 0.1 s on a busy machine): 2 s per case
 * reports an endless loop quickly, and a function that ran out of time is not called again, so a loop costs
 * one time limit rather than one per case. The grader keeps its own limits (10 s a case, 300 s a submission).
 */
export const DEFAULT_TIMEOUT_MS = 2_000;
/** The grader's own memory cap per exercise (npm run autograde -- --memory). */
const MEMORY_MB = 1024;

/** Checks the exercises in `folders` (sub-folders of one folder, as `findExercises` gives them), a few at once. */
export async function checkExercises(folders: string[], options: CheckOptions = {}): Promise<Check> {
  const submission = exercisesFolder(folders);
  const exercises = folders.map(loadExercise);
  const reports = inOrder(folders.length, options.onReport);
  // A misnamed folder, a missing module, or a module whose own text imports a name it may not use: said at once.
  const run: number[] = [];
  exercises.forEach((exercise, i) => {
    const problem = folderProblem(exercise) || moduleProblem(exercise.modulePath, exercise.meta);
    if (problem) reports.set(i, refusedReport(exercise, options.cases ?? exercise.cases, problem));
    else run.push(i);
  });
  if (!run.length) return { reports: reports.all(), notes: [] };
  const bundle: Bundle = { format: BUNDLE_FORMAT, exercises: run.map((i) => reference(exercises[i], options.cases ?? exercises[i].cases)) };
  const graded = await gradeSubmission(submission, bundle, {
    root: ROOT,
    caseTimeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    memoryMb: MEMORY_MB,
    submissionTimeoutMs: Infinity, // no budget for the whole run: each case has its own time limit
    oneTimeoutPerFunction: true,
    jobs: availableParallelism(),
    isolation: await isolationFor("auto"),
    onExercise: (result, index) => reports.set(run[index], asReport(result)),
  });
  graded.exercises.forEach((result, index) => reports.set(run[index], asReport(result)));
  return { reports: reports.all(), notes: graded.notes };
}

/** Grades `cases` (default: the exercise's public cases) for the exercise in `folder`. */
export async function checkExercise(folder: string, options: CheckOptions = {}): Promise<Report> {
  return (await checkExercises([folder], options)).reports[0];
}

/** The folder holding every exercise checked, resolved (the student's own links to it are followed). */
function exercisesFolder(folders: string[]): string {
  const parents = new Set(folders.map((folder) => dirname(folder)));
  if (parents.size !== 1) throw new Error(`the exercises checked together must sit in one folder (got ${[...parents].join(", ")})`);
  return realpathSync([...parents][0]);
}

/** The exercise as the grader's bundle holds it: every case public, with the expected answer. */
function reference(exercise: Exercise, cases: Case[]): ExerciseReference {
  const expected = expectedAnswers(exercise, cases);
  return { meta: exercise.meta, cases: cases.map((c) => ({ ...c, expected: expected.get(c.id), hidden: false })) };
}

/** The grader finds an exercise by the folder name its meta.json gives. */
function folderProblem({ folder, meta }: Exercise): string {
  if (basename(folder) === meta.id) return "";
  return `the folder ${basename(folder)}/ should be named ${meta.id}/ (as its meta.json says): the grader looks for ${meta.id}/${meta.module}.ts`;
}

function refusedReport(exercise: Exercise, cases: Case[], problem: string): Report {
  return summed(exercise.meta.id, exercise.meta.title, cases.map((c) => refused(c, problem)));
}

function asReport(result: ExerciseResult): Report {
  return summed(result.id, result.title, result.outcomes.map(({ hidden: _, ...outcome }) => outcome));
}

function summed(id: string, title: string, outcomes: Outcome[]): Report {
  return { id, title, outcomes, points: outcomes.reduce((s, o) => s + o.points, 0), maxPoints: outcomes.reduce((s, o) => s + o.maxPoints, 0) };
}

/** Reports by index, handed to `onReport` in index order, each once, as soon as those before it are in. */
function inOrder(count: number, onReport: (report: Report) => void = () => {}) {
  const reports: (Report | undefined)[] = new Array(count);
  let shown = 0;
  return {
    set(index: number, report: Report) {
      reports[index] ??= report;
      while (shown < count && reports[shown]) onReport(reports[shown++]!);
    },
    all: () => reports as Report[],
  };
}
