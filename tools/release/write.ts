/** Writing a set of files to a folder, removing what is there and no longer belongs. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { Files } from "./exercises";

export function writeFiles(dir: string, files: Files): void {
  for (const existing of listFiles(dir)) if (!files.has(existing)) rmSync(join(dir, existing));
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Every file under `dir`, as paths relative to it (none if it does not exist). */
export function listFiles(dir: string, base = dir): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), base) : [relative(base, join(dir, e.name))]));
}
