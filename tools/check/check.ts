/**
 * The student check: runs an exercise's public cases against the student's module and grades each one.
 * Never throws because of the student's code: a missing file, a bad import or a crash becomes an Outcome.
 */
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { Case, Outcome } from "../../autograder/core";
import { Exercise, expectedAnswers, loadExercise } from "./exercise";
import { describeCall, grade } from "./grade";
import { forbiddenImports } from "./imports";
import { callAll } from "./sandbox";

export interface Report {
  id: string;
  title: string;
  outcomes: Outcome[];
  points: number;
  maxPoints: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Grades `cases` (default: the exercise's public cases) for the exercise in `folder`. */
export async function checkExercise(folder: string, options: { timeoutMs?: number; cases?: Case[] } = {}): Promise<Report> {
  const exercise = loadExercise(folder);
  const cases = options.cases ?? exercise.cases;
  const expected = expectedAnswers(exercise, cases);
  const refusal = moduleProblem(exercise);
  const outcomes = refusal
    ? cases.map((c) => failAll(c, refusal))
    : await run(exercise, cases, expected, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return {
    id: exercise.meta.id,
    title: exercise.meta.title,
    outcomes,
    points: outcomes.reduce((s, o) => s + o.points, 0),
    maxPoints: outcomes.reduce((s, o) => s + o.maxPoints, 0),
  };
}

async function run(exercise: Exercise, cases: Case[], expected: Map<string, unknown>, timeoutMs: number): Promise<Outcome[]> {
  const results = await callAll(exercise.modulePath, cases, timeoutMs);
  return cases.map((c, i) => grade(exercise.meta, c, expected.get(c.id), results[i]));
}

/** Why the module cannot be run at all ("" when it can). */
function moduleProblem(exercise: Exercise): string {
  const file = basename(exercise.modulePath);
  if (!existsSync(exercise.modulePath)) return `${file} is missing from ${basename(exercise.folder)}/: the notebook and the check expect this file name`;
  return forbiddenImports(exercise.modulePath, exercise.meta);
}

function failAll(c: Case, problem: string): Outcome {
  return { id: c.id, passed: false, points: 0, maxPoints: c.points, message: `called   ${describeCall(c)}\nproblem  ${problem}` };
}
