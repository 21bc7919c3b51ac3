/**
 * Writing a file the tools generate (a notebook, a released exercise): nothing happens when the file already
 * holds exactly these bytes, so its time stays as it was and an editor or a Jupyter tab that has it open sees
 * no change on disk; otherwise a temporary file beside it is renamed over it, so nobody reads half a file.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";

/** Returns whether it wrote. */
export function writeIfChanged(path: string, data: string | Buffer): boolean {
  const existing = contents(path);
  if (existing && existing.equals(typeof data === "string" ? Buffer.from(data) : data)) return false;
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
  return true;
}

function contents(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
