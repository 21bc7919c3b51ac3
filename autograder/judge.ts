/**
 * Judged cases (core/verdict.ts): what a student's function returned is handed to the exercise's experiment,
 * `experiment.ts`, which decides. The experiment is the grader's code, not the student's: it comes from the
 * bundle (written into a scratch folder of its own, never into the submission's copy), and runs in a sandbox
 * of its own, with no student code loaded beside it, so nothing a student writes can change how an answer is
 * tested. Training takes longer than a case, so an exercise may give its experiment more time in meta.json
 * (`experiment.timeoutSeconds`, `experiment.memoryMb`); the submission's deadline holds all the same.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXPERIMENT_MODULE, type CallResult, type Meta } from "./core";
import type { ExerciseReference, ExperimentFiles } from "./references/bundle";
import { runCalls } from "./sandbox/calls";
import type { Limits } from "./sandbox/child";
import type { Call } from "./sandbox/protocol";
import { removeFolder, scratchFolder } from "./sandbox/scratch";
import { sandboxTarget } from "./sandbox/target";

/**
 * What the experiment made of each answer (by case index: the answer a judged case's function returned),
 * handed to the case's `judge.fn` as its first argument. Empty when there is nothing to judge.
 */
export async function judgeAnswers(exercise: ExerciseReference, answers: Map<number, unknown>, limits: Limits, root: string): Promise<Map<number, CallResult>> {
  const judged = [...answers.keys()].sort((a, b) => a - b);
  if (!judged.length) return new Map();
  if (!exercise.experiment) throw new Error(`${exercise.meta.id}: cases are judged, but the bundle holds no experiment.ts for them`);
  const calls: Call[] = judged.map((i) => {
    const { id, judge } = exercise.cases[i];
    return { id, fn: judge!.fn, args: [answers.get(i), ...judge!.args] };
  });
  const verdicts = await runExperiment(exercise.meta, exercise.experiment, calls, experimentLimits(exercise.meta, limits), root);
  return new Map(judged.map((caseIndex, k) => [caseIndex, verdicts[k]]));
}

/** Runs `calls` on the exercise's experiment module, written from `files` into a scratch folder of its own. */
export async function runExperiment(meta: Meta, files: ExperimentFiles, calls: Call[], limits: Limits, root: string): Promise<CallResult[]> {
  const folder = scratchFolder("experiment");
  try {
    mkdirSync(join(folder, meta.id));
    for (const [name, text] of Object.entries(files.files)) writeFileSync(join(folder, meta.id, name), text);
    const target = sandboxTarget(folder, join(folder, meta.id, `${EXPERIMENT_MODULE}.ts`), root, { mirror: files.folder });
    return await runCalls(target, calls, limits);
  } finally {
    removeFolder(folder);
  }
}

/** The grader's limits, with the time and memory the exercise's meta.json gives its experiment. */
export function experimentLimits(meta: Meta, limits: Limits): Limits {
  const own = meta.experiment ?? {};
  return {
    ...limits,
    caseTimeoutMs: own.timeoutSeconds ? own.timeoutSeconds * 1000 : limits.caseTimeoutMs,
    memoryMb: own.memoryMb ?? limits.memoryMb,
    oneTimeoutPerFunction: false,
  };
}

/**
 * What the experiment of the exercise in `folder` needs, as a bundle holds it (undefined when there is no
 * experiment.ts): every TypeScript file of the folder but the student's module, its cases and hidden cases.
 * `relativeFolder` is where the exercise folders sit under the grader's root, for their relative imports.
 */
export function experimentFiles(folder: string, meta: Meta, relativeFolder: string): ExperimentFiles | undefined {
  const names = readdirSync(folder).filter((name) => name.endsWith(".ts") && name !== `${meta.module}.ts` && name !== "cases.ts" && !name.startsWith("hidden"));
  if (!names.includes(`${EXPERIMENT_MODULE}.ts`)) return undefined;
  return { folder: relativeFolder, files: Object.fromEntries(names.sort().map((name) => [name, readFileSync(join(folder, name), "utf8")])) };
}
