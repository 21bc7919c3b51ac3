/**
 * Building the bundle. In the instructor repository: from solutions/ (public cases.ts; hidden.ts's `hidden`
 * cases, and those its `draw` gives for the course's own seed; all answered by the solution in the
 * sandbox). In a student repository, which has no solutions/: from the released exercises/ (public cases
 * and their expected.json only), so CI can give feedback on the public cases.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Case, Meta, decode } from "../core";
import { isolationFor, type Isolation } from "../sandbox/isolation";
import type { Bundle, ExerciseReference } from "./bundle";
import { BUNDLE_FORMAT } from "./bundle";
import { runCalls } from "../sandbox/calls";
import { describeFailure } from "../sandbox/child";
import { sandboxTarget } from "../sandbox/target";
import { COURSE_SEED, drawCall, drawnCases } from "./draw";
import { asCalls, checkNaN, solutionLimits, solve } from "./solve";
import { experimentFiles } from "../judge";
import { judgedReferences } from "./judged";

/** Exported values of `<folder>/<meta.id>/<file>.ts`, read in the sandbox (no TypeScript loader needed here). */
function read(folder: string, meta: Meta, file: string, names: string[], root: string, isolation: Isolation): Promise<unknown[]> {
  return solve(folder, meta, file, names.map((name) => ({ id: name, fn: name, args: [], read: true })), root, isolation);
}

export interface BuildOptions {
  /**
   * Run the solution's answers to judged cases through their judges and stop if one fails (default true).
   * Judges that train take seconds each; a test that grades the solutions anyway may leave this out.
   */
  checkJudged?: boolean;
}

/** `solutions` defaults to <root>/solutions; where there is none, <root>/exercises gives the public cases. */
export async function buildBundle(root: string, solutions = join(root, "solutions"), isolation?: Isolation, options: BuildOptions = {}): Promise<Bundle> {
  isolation ??= await isolationFor("auto");
  const fromSolutions = existsSync(solutions);
  const folder = fromSolutions ? solutions : join(root, "exercises");
  const exercises: ExerciseReference[] = [];
  for (const id of exerciseFolders(folder)) {
    exercises.push(fromSolutions ? await fromSolution(folder, id, root, isolation, options.checkJudged ?? true) : await fromRelease(folder, id, root, isolation));
  }
  return { format: BUNDLE_FORMAT, exercises };
}

export function exerciseFolders(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^ex\d+-/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

async function fromSolution(solutions: string, id: string, root: string, isolation: Isolation, checkJudged: boolean): Promise<ExerciseReference> {
  const folder = join(solutions, id);
  const meta = readMeta(folder);
  const [cases] = (await read(solutions, meta, "cases", ["cases"], root, isolation)) as [Case[]];
  const { hidden, drawn }: { hidden: Case[]; drawn?: Case[] } = existsSync(join(folder, "hidden.ts")) ? await hiddenCases(solutions, meta, root, isolation) : { hidden: [] };
  const all = [...cases, ...hidden, ...(drawn ?? [])];
  checkIds(meta, all);
  const experiment = experimentFiles(folder, meta, relative(root, solutions));
  const answers = await solve(solutions, meta, meta.module, asCalls(all), root, isolation);
  const expected = await judgedReferences(meta, all, answers, experiment, root, isolation, checkJudged);
  checkNaN(meta, all, expected);
  const reference: ExerciseReference = {
    meta,
    cases: all.map((c, i) => ({ ...c, hidden: i >= cases.length, ...(i >= cases.length + hidden.length ? { drawn: true } : {}), expected: expected[i] })),
    ...(experiment ? { experiment } : {}),
  };
  if (drawn) reference.solution = { folder: relative(root, solutions), files: sources(folder) };
  return reference;
}

/** hidden.ts's `hidden` cases and, when it can draw, the cases `draw` gives for the course's seed. */
async function hiddenCases(solutions: string, meta: Meta, root: string, isolation: Isolation): Promise<{ hidden: Case[]; drawn?: Case[] }> {
  const target = sandboxTarget(solutions, join(solutions, meta.id, "hidden.ts"), root, { mirror: relative(root, solutions) });
  const [hidden, draw] = await runCalls(target, [{ id: "hidden", fn: "hidden", args: [], read: true }, drawCall(meta, COURSE_SEED)], solutionLimits(isolation));
  if (hidden.kind !== "value") throw new Error(`${meta.id}: hidden.ts could not be read: ${hidden.kind} ${describeFailure(hidden)}`);
  return { hidden: (hidden.value as Case[] | undefined) ?? [], drawn: drawnCases(meta, draw) };
}

async function fromRelease(exercises: string, id: string, root: string, isolation: Isolation): Promise<ExerciseReference> {
  const folder = join(exercises, id);
  const meta = readMeta(folder);
  const [cases] = (await read(exercises, meta, "cases", ["cases"], root, isolation)) as [Case[]];
  const expected = decode(readFileSync(join(folder, "expected.json"), "utf8")) as Record<string, unknown>;
  checkIds(meta, cases);
  checkNaN(meta, cases, cases.map((c) => expected[c.id]));
  const experiment = experimentFiles(folder, meta, relative(root, exercises));
  return { meta, cases: cases.map((c) => ({ ...c, hidden: false, expected: expected[c.id] })), ...(experiment ? { experiment } : {}) };
}

function readMeta(folder: string): Meta {
  return JSON.parse(readFileSync(join(folder, "meta.json"), "utf8")) as Meta;
}

function checkIds(meta: Meta, cases: Case[]): void {
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`${meta.id}: two cases have the id "${c.id}"; ids must be unique within an exercise`);
    seen.add(c.id);
  }
}

/** Every .ts file of a solution folder: what drawing and answering fresh hidden cases needs. */
function sources(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(folder).filter((n) => n.endsWith(".ts")).sort()) files[name] = readFileSync(join(folder, name), "utf8");
  return files;
}
