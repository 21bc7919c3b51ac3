/**
 * Whether a student's module may run at all: it must exist, and the course library must not answer the
 * exercise: a module may import from `rnn-course` only the names its meta.json allows (the stub's
 * NotImplementedError, data generators). Each returns what breaks the rule, in words ("" when nothing does).
 *
 * The rule itself is enforced by the sandbox, for the autograder and `npm run check` alike, on every module
 * as it is resolved (re-exports, helper files and relative paths into src/ included; see sandbox/runner.ts).
 * `forbiddenImports` only reads the module's own text, for `npm run check`: an early message that names
 * every name the module imports and may not use, before anything runs (even one it does not call yet).
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import type { Meta } from "./case";

/** Why the module at `modulePath` (<exercise folder>/<module>.ts) cannot be run ("" when it can). */
export function moduleProblem(modulePath: string, meta: Meta): string {
  return missingModule(modulePath) || forbiddenImports(modulePath, meta);
}

export function missingModule(modulePath: string): string {
  if (existsSync(modulePath)) return "";
  return `${basename(modulePath)} is missing from ${basename(dirname(modulePath))}/: the notebook and the check expect this file name`;
}

export function forbiddenImports(modulePath: string, meta: Meta): string {
  const source = readFileSync(modulePath, "utf8");
  const file = basename(modulePath);
  if (/from\s*["']rnn-course\/|require\(\s*["']rnn-course\//.test(source)) return `${file} imports from inside rnn-course; only named imports from "rnn-course" are allowed`;
  if (/import\s*\*\s*as\s+\w+\s+from\s*["']rnn-course["']|require\(\s*["']rnn-course["']\s*\)/.test(source)) {
    return `${file} imports all of rnn-course; import only the names you need (allowed: ${meta.libraryImports.join(", ")})`;
  }
  const refused: string[] = [];
  for (const match of source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*["']rnn-course["']/g)) {
    for (const part of match[1].split(",")) {
      const name = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0];
      if (name && !meta.libraryImports.includes(name)) refused.push(name);
    }
  }
  if (!refused.length) return "";
  return `${file} imports ${refused.join(", ")} from rnn-course: this exercise is about writing that yourself (allowed from the library: ${meta.libraryImports.join(", ")})`;
}
