/** Listing the files of a folder. */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

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
