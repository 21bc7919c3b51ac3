/**
 * The student check: runs an exercise's public cases against the student's module and grades each one.
 * Never throws because of the student's code: a missing file, a bad import or a crash becomes an Outcome.
 */
import { Case, Outcome, grade, moduleProblem, refused } from "../../autograder/core";
import { Exercise, expectedAnswers, loadExercise } from "./exercise";
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
  const refusal = moduleProblem(exercise.modulePath, exercise.meta);
  const outcomes = refusal
    ? cases.map((c) => refused(c, refusal))
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
