/**
 * Hidden cases drawn at grading time. With an instructor seed (--seed or AUTOGRADER_SEED, a CI secret),
 * every exercise whose hidden.ts exports `draw(rand)` gets fresh inputs, and the solution, run from the
 * bundle in the sandbox, answers them here: an answer hard-coded from an earlier run cannot match.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { Case } from "../core";
import { pool } from "../pool";
import { runCalls } from "../sandbox/calls";
import { describeFailure } from "../sandbox/child";
import { sandboxTarget } from "../sandbox/target";
import type { Bundle, ExerciseReference } from "./bundle";
import { SOLUTION_LIMITS, asCalls, solve } from "./solve";

/** `jobs` exercises draw at once. */
export async function withDrawnCases(bundle: Bundle, seed: string, root: string, jobs = availableParallelism()): Promise<Bundle> {
  const folder = mkdtempSync(join(tmpdir(), "autograde-solutions-"));
  try {
    const exercises = await pool(bundle.exercises, jobs, (exercise) => (exercise.solution ? drawn(exercise, seed, folder, root) : Promise.resolve(exercise)));
    return { ...bundle, exercises };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function drawn(exercise: ExerciseReference, seed: string, solutions: string, root: string): Promise<ExerciseReference> {
  const { meta } = exercise;
  mkdirSync(join(solutions, meta.id));
  const { folder, files } = exercise.solution!;
  for (const [name, text] of Object.entries(files)) writeFileSync(join(solutions, meta.id, name), text);
  const target = sandboxTarget(solutions, join(solutions, meta.id, "hidden.ts"), root, folder);
  const [result] = await runCalls(target, [{ id: "draw", fn: "draw", args: [], rngSeed: exerciseSeed(seed, meta.id) }], SOLUTION_LIMITS());
  if (result.kind !== "value") throw new Error(`${meta.id}: hidden.ts draw() failed: ${result.kind} ${describeFailure(result)}`);
  const taken = new Set(exercise.cases.map((c) => c.id));
  const cases = (result.value as Case[]).map((c) => ({ ...c, id: taken.has(c.id) ? `${c.id}-drawn` : c.id }));
  const expected = await solve(solutions, meta, meta.module, asCalls(cases), root, folder);
  return { ...exercise, cases: [...exercise.cases, ...cases.map((c, i) => ({ ...c, hidden: true, expected: expected[i] }))] };
}

/** One 32-bit seed per exercise, so exercises draw independent inputs from the one instructor seed. */
export function exerciseSeed(seed: string, exerciseId: string): number {
  return createHash("sha256").update(`${seed}/${exerciseId}`).digest().readUInt32LE(0);
}
