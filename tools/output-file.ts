/**
 * A command's single output file (the grader's bundle, the Gradescope archive). Like an output folder
 * (output-folder.ts), it replaces only what the command wrote: a file already at the path is overwritten when
 * its content shows it is an earlier output of the command (`isOwn`; a single file has no room for a marker),
 * and refused otherwise unless --force. It is written whole or not at all (write-if-changed.ts).
 */
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { ArgumentError } from "../src/errors";
import { writeIfChanged } from "./write-if-changed";

export interface OutputFileOptions {
  /** The command as users type it ("npm run autograder:build"): named in every message. */
  command: string;
  /** Whether these bytes, found at the path, are an earlier output of the command. */
  isOwn: (existing: Buffer) => boolean;
  /** Overwrite a file the command did not write, after saying so. */
  force?: boolean;
  /** What names the path in an error (default "--out"). */
  argument?: string;
  /** Where --force says so (default: standard error). */
  log?: (line: string) => void;
}

/**
 * Throws an ArgumentError, before any work is done, where the command may not write `path`. Returns true
 * where it may, but only by --force: a file is there that the command did not write.
 */
export function checkOutputFile(path: string, options: OutputFileOptions): boolean {
  const argument = options.argument ?? "--out";
  if (!existsSync(path)) return false;
  if (statSync(path).isDirectory()) {
    throw new ArgumentError(argument, "a file's path", `${path} (a folder)`);
  }
  if (options.isOwn(readFileSync(path))) return false;
  if (options.force) return true;
  throw new ArgumentError(
    argument,
    `a file ${options.command} wrote, or a new path`,
    path,
    `It holds a file ${options.command} did not write: nothing was written. ` +
      "Add --force to overwrite it, or choose another path",
  );
}

/** Writes `data` to `path` (its folder made if need be), if `checkOutputFile` allows it. */
export function writeOutputFile(
  path: string,
  data: string | Buffer,
  options: OutputFileOptions,
): void {
  if (checkOutputFile(path, options)) {
    const log = options.log ?? console.error;
    log(`${options.command} --force: overwriting ${path}, which it did not write.`);
  }
  mkdirSync(dirname(path), { recursive: true });
  writeIfChanged(path, data);
}
