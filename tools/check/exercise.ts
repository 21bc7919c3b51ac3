/**
 * Finding an exercise on disk and reading what the check needs: its meta, its public cases and the expected
 * answers. A released exercise carries `expected.json` (written by the release from the solution); in the
 * instructor repository the expected answers come straight from `solutions/`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Case, Meta, decode, encode } from "../../autograder/core";
import { resolveExercise } from "../../autograder/core/exercise-names";

// tsx's loader API (its package "exports" map is invisible to this project's node10 module resolution).
const { require: tsxRequire } = require("tsx/cjs/api") as { require: (id: string, from: string) => unknown };

export const ROOT = resolve(__dirname, "..", "..");

export interface Exercise {
  folder: string;
  meta: Meta;
  cases: Case[];
  /** The module students write, e.g. <folder>/lookback.ts. */
  modulePath: string;
}

/**
 * The exercise folders under `dir` (default exercises/) that `ids` name, each once, in the order given (all
 * when empty). `ex01`, `ex1`, `1` and `lookback` all name ex01-lookback (../../autograder/core/exercise-names.ts).
 */
export function findExercises(ids: string[], dir = join(ROOT, "exercises")): string[] {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^ex\d+/.test(e.name))
    .map((e) => e.name)
    .sort();
  if (!ids.length) return names.map((name) => join(dir, name));
  const chosen = ids.map((id) => resolveExercise(id, names, dir));
  return [...new Set(chosen)].map((name) => join(dir, name));
}

/** Loads a TypeScript module whichever way this process runs (tsx, vitest or plain node). */
export function loadTs<T>(path: string): T {
  return tsxRequire(path, __filename) as T;
}

export function loadExercise(folder: string): Exercise {
  const meta = JSON.parse(readFileSync(join(folder, "meta.json"), "utf8")) as Meta;
  const { cases } = loadTs<{ cases: Case[] }>(join(folder, "cases.ts"));
  return { folder, meta, cases, modulePath: join(folder, `${meta.module}.ts`) };
}

/** Expected answers by case id: from `expected.json` beside the cases, else computed by the solution. */
export function expectedAnswers(exercise: Exercise, cases: Case[]): Map<string, unknown> {
  const file = join(exercise.folder, "expected.json");
  if (existsSync(file)) return new Map(Object.entries(decode(readFileSync(file, "utf8")) as Record<string, unknown>));
  const solution = join(ROOT, "solutions", exercise.meta.id, `${exercise.meta.module}.ts`);
  if (!existsSync(solution)) throw new Error(`${exercise.meta.id}: no expected.json and no solution to compute it from`);
  return solve(solution, cases);
}

/** Runs the (trusted) solution in this process: the expected answer of every case. */
export function solve(solutionPath: string, cases: Case[]): Map<string, unknown> {
  const solution = loadTs<Record<string, (...args: unknown[]) => unknown>>(solutionPath);
  return new Map(cases.map((c) => [c.id, decode(encode(solution[c.fn](...structuredClone(c.args))))]));
}
