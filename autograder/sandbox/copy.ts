/**
 * The sandbox reads a private copy of the submission, never the submission itself: the permission model
 * follows symbolic links out of the folders it allows, so a committed link to the bundle would be readable.
 * The copy keeps regular files only (no links, devices or node_modules) and refuses an oversized submission.
 */
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MAX_BYTES = 50 * 2 ** 20;

/** Copies `folder` into a new temporary folder and returns it; the caller removes it. */
export function copySubmission(folder: string): string {
  const copy = mkdtempSync(join(tmpdir(), "autograde-submission-"));
  copyInto(folder, copy, { bytes: 0 });
  return copy;
}

function copyInto(from: string, to: string, total: { bytes: number }): void {
  for (const name of readdirSync(from)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const source = join(from, name);
    const stat = lstatSync(source);
    if (stat.isDirectory()) {
      mkdirSync(join(to, name));
      copyInto(source, join(to, name), total);
    } else if (stat.isFile()) {
      total.bytes += stat.size;
      if (total.bytes > MAX_BYTES) throw new Error(`the submission holds more than ${MAX_BYTES / 2 ** 20} MiB of files`);
      copyFileSync(source, join(to, name));
    }
  }
}
