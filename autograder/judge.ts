/**
 * Judged cases (core/verdict.ts): what a student's function returned is handed to the exercise's experiment,
 * `experiment.ts`, which decides. The experiment is the grader's code, not the student's: it comes from the
 * bundle (written into a scratch folder of its own, never into the submission's copy), and runs in a sandbox
 * of its own, with no student code loaded beside it, so nothing a student writes can change how an answer is
 * tested. Training takes longer than a case, so an exercise may give its experiment more time in meta.json
 * (`experiment.timeoutSeconds`, `experiment.memoryMb`); the submission's deadline holds all the same.
 * An experiment is seeded, so the same answer to the same case gets the same verdict: a grader process keeps
 * each verdict and judges an answer it has seen before (most of a class gives the same right answer) without
 * training again.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXPERIMENT_MODULE, encode, type CallResult, type Meta } from "./core";
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
  const keys = calls.map((call) => verdictKey(exercise, call));
  const unseen = calls.filter((_, k) => !seen.has(keys[k]));
  const verdicts = unseen.length ? await runExperiment(exercise.meta, exercise.experiment, unseen, experimentLimits(exercise.meta, limits), root) : [];
  unseen.forEach((call, k) => remember(verdictKey(exercise, call), verdicts[k]));
  return new Map(judged.map((caseIndex, k) => [caseIndex, seen.get(keys[k]) ?? verdicts[unseen.indexOf(calls[k])]]));
}

/** Verdicts this process found, by verdictKey: only decisions (a time-out or a crash may go otherwise next time). */
const seen = new Map<string, CallResult>();
const SEEN_AT_MOST = 10_000;

function remember(key: string, verdict: CallResult): void {
  if (verdict.kind !== "value" || seen.size >= SEEN_AT_MOST) return;
  seen.set(key, verdict);
}

/** What decides a verdict: the experiment's files, the judge, the answer and the case's arguments. */
function verdictKey(exercise: ExerciseReference, call: Call): string {
  return createHash("sha256").update(encode([exercise.meta.id, exercise.experiment!.files, call.fn, call.args])).digest("hex");
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
