/**
 * The grader's temporary files (submission copies, solutions drawn from a bundle) live in one private
 * folder per grader process, `<tmp>/autograde-<pid>-XXXXXX`. It goes when the process exits, also after an
 * uncaught error; the CLI removes it before it dies of SIGINT, SIGTERM or SIGHUP. A grader killed outright
 * (SIGKILL) cannot clean up: the next grader that starts removes such a folder once its process is gone.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PREFIX = "autograde-";
/** A folder of a dead grader is left this long (a grader in another PID namespace may share /tmp). */
const STALE_MS = 60_000;
let root: string | undefined;

/** A new, empty folder for `purpose`, inside this process's scratch folder. */
export function scratchFolder(purpose: string): string {
  if (!root) {
    removeStale();
    root = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
    process.once("exit", removeScratch);
  }
  return mkdtempSync(join(root, `${purpose}-`));
}

export function removeFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

/** Removes this process's scratch folder and everything in it. */
export function removeScratch(): void {
  if (root) removeFolder(root);
  root = undefined;
}

function removeStale(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^autograde-(\d+)-\w{6}$/.exec(name)?.[1]);
    if (!pid || alive(pid)) continue;
    const folder = join(tmpdir(), name);
    try {
      if (Date.now() - statSync(folder).mtimeMs > STALE_MS) removeFolder(folder);
    } catch {
      // gone already, or not ours to remove
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
