/**
 * Hidden cases drawn from a seed. When a solution's hidden.ts exports `draw(rand)`, the bundle holds one
 * draw of them, made at build time from the course's own seed. With an instructor seed (--seed or
 * AUTOGRADER_SEED, a secret) they are drawn again, per exercise, and the solution, run from the bundle in
 * the sandbox, answers them here: an answer hard-coded from an earlier run cannot match. A redraw replaces
 * the bundle's draw case for case (same ids, functions and points), so the maximum score never depends on
 * the seed.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Case, Meta } from "../core";
import { pool } from "../pool";
import { runCalls } from "../sandbox/calls";
import { describeFailure, type CallResult } from "../sandbox/child";
import type { Isolation } from "../sandbox/isolation";
import type { Call } from "../sandbox/protocol";
import { scratchFolder, removeFolder } from "../sandbox/scratch";
import { sandboxTarget } from "../sandbox/target";
import type { Bundle, ExerciseReference } from "./bundle";
import { judgedReferences } from "./judged";
import { asCalls, checkNaN, solutionLimits, solve } from "./solve";

/** The seed of the draw a bundle holds, when no instructor seed is given. */
export const COURSE_SEED = "rnn-course";

/**
 * `draw(rand)` of `<folder>/<meta.id>/hidden.ts`, with `rand` seeded from `seed` for this exercise; undefined
 * when hidden.ts exports no `draw`.
 */
export async function drawCases(folder: string, meta: Meta, seed: string, root: string, isolation: Isolation, mirror?: string): Promise<Case[] | undefined> {
  const target = sandboxTarget(folder, join(folder, meta.id, "hidden.ts"), root, { mirror });
  const [result] = await runCalls(target, [drawCall(meta, seed)], solutionLimits(isolation));
  return drawnCases(meta, result);
}

/** The call of hidden.ts's `draw` for `seed`. */
export const drawCall = (meta: Meta, seed: string): Call => ({ id: "draw", fn: "draw", args: [], rngSeed: exerciseSeed(seed, meta.id) });

/** What the draw call gave: the cases, or undefined when hidden.ts has no `draw`. */
export function drawnCases(meta: Meta, result: CallResult): Case[] | undefined {
  if (result.kind === "missing-export") return undefined;
  if (result.kind !== "value") throw new Error(`${meta.id}: hidden.ts draw() failed: ${result.kind} ${describeFailure(result)}`);
  return result.value as Case[];
}

/** The bundle with every drawable exercise's drawn cases drawn again from `seed`; `jobs` exercises at once. */
export async function withDrawnCases(bundle: Bundle, seed: string, root: string, isolation: Isolation, jobs = availableParallelism()): Promise<Bundle> {
  const folder = scratchFolder("solutions");
  try {
    const exercises = await pool(bundle.exercises, jobs, (exercise) => (exercise.solution ? redrawn(exercise, seed, folder, root, isolation) : Promise.resolve(exercise)));
    return { ...bundle, exercises };
  } finally {
    removeFolder(folder);
  }
}

async function redrawn(exercise: ExerciseReference, seed: string, solutions: string, root: string, isolation: Isolation): Promise<ExerciseReference> {
  const { meta } = exercise;
  mkdirSync(join(solutions, meta.id));
  const { folder, files } = exercise.solution!;
  for (const [name, text] of Object.entries(files)) writeFileSync(join(solutions, meta.id, name), text);
  const cases = (await drawCases(solutions, meta, seed, root, isolation, folder)) ?? [];
  const before = exercise.cases.filter((c) => c.drawn);
  const shape = (list: Case[]) => list.map((c) => `${c.id}:${c.fn}:${c.points}`).join(", ");
  if (shape(cases) !== shape(before)) {
    throw new Error(`${meta.id}: hidden.ts draw() gave [${shape(cases)}] for this seed but [${shape(before)}] for the bundle's: a draw must give the same cases (ids, functions, points) whatever the seed`);
  }
  const answers = await solve(solutions, meta, meta.module, asCalls(cases), root, isolation, folder);
  const expected = await judgedReferences(meta, cases, answers, exercise.experiment, root, isolation);
  checkNaN(meta, cases, expected);
  const fresh = new Map(cases.map((c, i) => [c.id, { ...c, hidden: true, drawn: true, expected: expected[i] }]));
  return { ...exercise, cases: exercise.cases.map((c) => (c.drawn ? fresh.get(c.id)! : c)) };
}

/** One 32-bit seed per exercise, so exercises draw independent inputs from the one instructor seed. */
export function exerciseSeed(seed: string, exerciseId: string): number {
  return createHash("sha256").update(`${seed}/${exerciseId}`).digest().readUInt32LE(0);
}
