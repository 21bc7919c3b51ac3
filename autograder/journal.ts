/**
 * A batch's journal, `graded.jsonl` in its --out folder: one line per graded submission, appended and
 * flushed to disk as each finishes, so that a grader killed at any moment (kill -9 included) loses no row it
 * finished. Each line carries the submission's key: a hash of everything its grade depends on (what the
 * submission holds, the references and seed, the limits, the grader's own code). Run again, the same
 * command keeps a row whose key is unchanged and grades the rest: a rerun finishes what was missing and
 * gives the gradebook an uninterrupted run would have given.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { appendDurable } from "./durable";
import type { GradebookRow } from "./report/csv";

export const JOURNAL = "graded.jsonl";

export interface JournalRow extends GradebookRow {
  key: string;
  /** False when the grader itself failed on the submission (its process died): a rerun grades it again. */
  complete: boolean;
}

/** The last row of each submission in `folder`'s journal; a line cut short by a kill is skipped. */
export function readJournal(folder: string): Map<string, JournalRow> {
  const rows = new Map<string, JournalRow>();
  const path = join(folder, JOURNAL);
  if (!existsSync(path)) return rows;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    try {
      const row = JSON.parse(line) as JournalRow;
      if (typeof row.name === "string" && typeof row.key === "string" && typeof row.score === "number") rows.set(row.name, row);
    } catch {
      // empty, or the half-written last line of a grader that was killed
    }
  }
  return rows;
}

export function appendRow(folder: string, row: JournalRow): void {
  appendDurable(join(folder, JOURNAL), JSON.stringify(row));
}

/** A hash of `parts`, each length-prefixed so that no two lists of parts hash alike. */
export function keyOf(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:${part}`);
  return hash.digest("hex");
}

/**
 * A hash of the grader's own code and the course library it lets exercises load: a rerun after either
 * changed grades every submission again.
 */
export function graderKey(root: string): string {
  const hash = createHash("sha256");
  const visit = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (name === "build" || name === "node_modules" || name.startsWith(".")) continue;
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.(ts|js|json)$/.test(name)) hash.update(`${relative(root, path)}\0`).update(readFileSync(path));
    }
  };
  for (const folder of ["autograder", "src"]) if (existsSync(join(root, folder))) visit(join(root, folder));
  return hash.digest("hex");
}
