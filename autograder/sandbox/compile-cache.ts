/**
 * What the grader derives from TypeScript source (compiled modules, the library's exports), kept on disk
 * in node_modules/.cache/rnn-course/compiled under a hash of everything that went in: the source, the
 * TypeScript version, the settings. A check or a grader run then compiles only what changed since the
 * last, and loads no compiler at all when nothing did (about half of what a check cost to start).
 * A folder that cannot be written (a read-only installation) only means nothing is kept. Only the course's
 * own files are kept (a student's are compiled each time, and never written anywhere); the sandbox shows
 * node_modules/.cache empty and Node's permission model does not allow it.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type * as TypeScript from "typescript";

const FOLDER = join(__dirname, "..", "..", "node_modules", ".cache", "rnn-course", "compiled");

let compiler: typeof TypeScript | undefined;
let compilerVersion: string | undefined;

/** The TypeScript compiler, loaded on first use (it is large, and a run whose results are all kept needs none). */
export function typescript(): typeof TypeScript {
  return (compiler ??= require("typescript") as typeof TypeScript);
}

/**
 * `derive()` as kept for `inputs`, computed and kept when it is not there yet; with `keep` false, computed
 * but not kept (a student's files: what is kept is the course's own, so it holds nobody's work and stops
 * growing).
 */
export function kept(kind: string, inputs: string[], derive: () => string, { folder = FOLDER, keep = true } = {}): string {
  compilerVersion ??= (JSON.parse(readFileSync(require.resolve("typescript/package.json"), "utf8")) as { version: string }).version;
  const hash = createHash("sha256");
  for (const input of [kind, compilerVersion, ...inputs]) hash.update(`${input.length}:${input}`);
  const file = join(folder, `${kind}-${hash.digest("hex")}`);
  try {
    return readFileSync(file, "utf8");
  } catch {
    const value = derive();
    if (keep) write(folder, file, value);
    return value;
  }
}

/** Written whole or not at all: a reader never sees half a file, even with several graders at once. */
function write(folder: string, file: string, value: string): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(partial, value);
    renameSync(partial, file);
  } catch {
    // Not writable, or full: nothing is kept, and what was half-written goes (where the folder exists).
    if (existsSync(partial)) rmSync(partial, { force: true });
  }
}
