/**
 * Writing files so that a grader killed at any moment (kill -9, a power cut after the write) leaves each
 * file whole: either as it was or as it was meant to be, never half-written. A file is written beside its
 * place, flushed to disk, then renamed over it; a line is appended and flushed before anything counts on it.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Replaces `path` with `text` at once (the folder must exist). The partial file has a fixed name: one left
 * by a grader killed while writing it is overwritten and renamed by the next write of the same file.
 */
export function writeAtomic(path: string, text: string): void {
  const partial = `${path}.partial`;
  try {
    const fd = openSync(partial, "w");
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  syncFolder(dirname(path));
}

/** Appends `line` and a newline to `path` (created if missing), on disk when this returns. */
export function appendDurable(path: string, line: string): void {
  const fd = openSync(path, "a");
  try {
    writeSync(fd, `${line}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A folder's entries (a rename, a new file) made durable too. */
function syncFolder(folder: string): void {
  const fd = openSync(folder, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
