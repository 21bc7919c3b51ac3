/**
 * A class of submissions for the autograder's benchmarks, written into a folder: correct ones, untouched
 * stubs, partial ones (a solution with one classic bug), hostile ones (one exercise replaced by an attack:
 * floods of text, values and bytes, crashes, a loop, the runner's globals), and the worst flood (every
 * exercise floods at once). All are made from the course's own solutions and stubs, so they follow it.
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mutations } from "../test/autograder/fixtures/wrong";

interface Meta {
  id: string;
  module: string;
  functions: string[];
}

/** An exercise module whose every function does `body` (its arguments unused). */
const hostile = (functions: string[], body: string, prelude = "") =>
  `${prelude}\n${functions.map((fn) => `export function ${fn}(..._args: unknown[]): any {\n${body}\n}`).join("\n")}\n`;

/** What each hostile kind replaces an exercise's module with. */
export const ATTACKS: Record<string, (functions: string[]) => string> = {
  // Exports none of its functions, but 100 names of 200,000 characters, listed by every case it fails
  // (the module that once made 320 MB of reports and, in every exercise, killed the grader).
  "flood-exports": () => 'for (let i = 0; i < 100; i++) exports["x".repeat(200_000) + i] = () => 0;\n',
  // Long strings everywhere: names of exports, an error's name and message.
  "flood-text": (fns) =>
    hostile(fns, 'const e = new Error("m".repeat(2_000_000)); e.name = "N".repeat(100_000); throw e;', 'for (let i = 0; i < 100; i++) exports["x".repeat(20_000) + i] = () => 0;'),
  // Answers as large as one answer may be: 99,000 arrays of 10 numbers, 4.16 MB of JSON.
  "flood-values": (fns) => hostile(fns, "return Array.from({ length: 99_000 }, () => new Array(10).fill(0.5));"),
  // 80 MB of lines on the result channel, without the nonce.
  "flood-channel": (fns) => hostile(fns, 'const line = "9".repeat(1 << 20) + "\\n"; for (let i = 0; i < 80; i++) require("node:fs").writeSync(3, line); return 0;'),
  // Crashes at once, and a loop that only the time limit stops (in one function).
  crash: (fns) => hostile(fns, "process.exit(3);"),
  loop: (fns) => hostile(fns.slice(0, 1), "for (;;) {}") + hostile(fns.slice(1), "return 0;"),
  // Replaces every global function with a spy, as an attack on the runner would.
  "runner-globals": (fns) =>
    hostile(fns, "return 0;", 'for (const name of Object.getOwnPropertyNames(globalThis)) { try { const f = (globalThis as any)[name]; if (typeof f === "function" && /^[a-z]/.test(name)) (globalThis as any)[name] = (...a: unknown[]) => f(...a); } catch {} }'),
};

/** Every exercise of the course (its solution's meta.json). */
export function exercises(root: string): Meta[] {
  return readdirSync(join(root, "solutions"))
    .filter((name) => /^ex\d+-/.test(name))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(root, "solutions", name, "meta.json"), "utf8")) as Meta);
}

/** The kind of the k-th submission of a class: 30% correct, 10% stubs, 30% partial, 30% hostile, in turn. */
export function kindOf(k: number): string {
  const cycle = ["solution", "partial", "hostile", "solution", "stubs", "partial", "hostile", "solution", "partial", "hostile"];
  return cycle[k % cycle.length];
}

/** Writes submission `k` of a class into `folder` (a student repository: `folder/exercises/`). */
export function makeSubmission(root: string, folder: string, k: number): string {
  const kind = kindOf(k);
  cpSync(join(root, kind === "stubs" ? "exercises" : "solutions"), join(folder, "exercises"), { recursive: true });
  if (kind === "partial") {
    const m = mutations[k % mutations.length];
    const path = join(folder, "exercises", m.exercise, m.file);
    writeFileSync(path, readFileSync(path, "utf8").replace(m.from, m.to));
    return `partial: ${m.name}`;
  }
  if (kind === "hostile") {
    const names = Object.keys(ATTACKS);
    const attack = names[Math.floor(k / 10) % names.length];
    const all = exercises(root);
    const target = all[k % all.length];
    writeFileSync(join(folder, "exercises", target.id, `${target.module}.ts`), ATTACKS[attack](target.functions));
    return `hostile: ${attack} in ${target.id}`;
  }
  return kind;
}

/**
 * The worst floods: every exercise exports 100 names of 200,000 characters (the module that, in every
 * exercise, once exhausted the grader's heap); and every exercise floods in turn with exported names,
 * answers as large as one may be, long text and bytes on the channel.
 */
export const FLOODS: Record<string, string[]> = {
  "flood-exports-everywhere": ["flood-exports"],
  "flood-mixed": ["flood-exports", "flood-values", "flood-text", "flood-channel"],
};

export function makeFlood(root: string, folder: string, name: string): void {
  cpSync(join(root, "solutions"), join(folder, "exercises"), { recursive: true });
  const floods = FLOODS[name];
  exercises(root).forEach((exercise, i) => {
    writeFileSync(join(folder, "exercises", exercise.id, `${exercise.module}.ts`), ATTACKS[floods[i % floods.length]](exercise.functions));
  });
}
