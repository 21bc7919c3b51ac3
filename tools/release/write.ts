/**
 * Writing a set of files to a folder, removing what is there and no longer belongs. A file that already holds
 * its bytes is not touched (a notebook open in Jupyter sees no change on disk).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { writeIfChanged } from "../write-if-changed";
import type { Files } from "./exercises";

export function writeFiles(dir: string, files: Files): void {
  for (const existing of listFiles(dir)) if (!files.has(existing)) rmSync(join(dir, existing));
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeIfChanged(join(dir, path), text);
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

/**
 * Makes `to` a copy of `from` (a file or a folder), keeping in a folder only the files `keep` accepts (given
 * their path in `from`): files already equal, mode included, are left untouched; files no longer in `from`
 * are removed; a missing `from` removes `to`.
 */
export function mirror(from: string, to: string, keep: (path: string) => boolean = () => true): void {
  if (!existsSync(from)) return rmSync(to, { recursive: true, force: true });
  if (!statSync(from).isDirectory()) return copyIfChanged(from, to);
  const wanted = new Set(listFiles(from).filter((file) => keep(join(from, file))));
  for (const existing of listFiles(to)) if (!wanted.has(existing)) rmSync(join(to, existing));
  for (const file of wanted) copyIfChanged(join(from, file), join(to, file));
}

function copyIfChanged(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  writeIfChanged(to, readFileSync(from));
  const mode = statSync(from).mode & 0o777;
  if ((statSync(to).mode & 0o777) !== mode) chmodSync(to, mode);
}
