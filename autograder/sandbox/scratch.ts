/**
 * The grader's temporary files (submission copies, solutions drawn from a bundle) live in one private
 * folder per grader process, `<tmp>/autograde-<pid>-XXXXXX`, which exists only while something is in it:
 * it goes with its last folder, when the process exits (also after an uncaught error), and before the CLI
 * dies of SIGINT, SIGTERM or SIGHUP. A grader killed outright (SIGKILL) cannot clean up: the command that
 * started it removes its folder (a grading worker), or the next grader that starts, once its process is gone.
 */
import { mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PREFIX = "autograde-";
/** A folder of a dead grader is left this long (a grader in another PID namespace may share /tmp). */
const STALE_MS = 60_000;
/** How long the sandboxes of a dead worker are looked for. */
const SWEEP_MS = 2_000;
let root: string | undefined;
let cleanupOnExit = false;

/** A new, empty folder for `purpose`, inside this process's scratch folder. */
export function scratchFolder(purpose: string): string {
  if (!root) {
    removeStale();
    root = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
    if (!cleanupOnExit) process.once("exit", removeScratch);
    cleanupOnExit = true;
  }
  return mkdtempSync(join(root, `${purpose}-`));
}

/** Removes a folder made by `scratchFolder`, and the scratch folder with it when nothing else is left. */
export function removeFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  if (!root) return;
  try {
    rmdirSync(root);
    root = undefined;
  } catch {
    // another submission's folder is still in it
  }
}

/**
 * Removes the scratch folder of process `pid`, a grading worker of this command that died (killed outright),
 * after killing whatever still runs from it. A sandbox dies with the worker that started it (bwrap's
 * --die-with-parent), except one the worker started just as it was killed, before bwrap asked for that: it
 * would run on, its time limit kept by nobody (or hang in bwrap's set-up, seen in CI). Every sandbox names
 * the worker's folder in its command line, but one the worker had just forked shows the worker's command
 * line until it runs bwrap: so the search goes on for SWEEP_MS.
 */
export async function removeScratchOf(pid: number): Promise<void> {
  const folders = scratchFolders()
    .filter((name) => Number(/^autograde-(\d+)-\w{6}$/.exec(name)?.[1]) === pid)
    .map((name) => join(tmpdir(), name));
  if (!folders.length) return;
  for (const end = Date.now() + SWEEP_MS; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    folders.forEach(killProcessesNaming);
  }
  folders.forEach(killProcessesNaming);
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}

function killProcessesNaming(folder: string): void {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(folder)) process.kill(Number(entry), "SIGKILL");
    } catch {
      // gone already, or not ours to read or kill
    }
  }
}

/** Removes this process's scratch folder and everything in it. */
export function removeScratch(): void {
  if (root) removeFolder(root);
  root = undefined;
}

function scratchFolders(): string[] {
  try {
    return readdirSync(tmpdir()).filter((name) => name.startsWith(PREFIX));
  } catch {
    return [];
  }
}

function removeStale(): void {
  for (const name of scratchFolders()) {
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

/** Whether process `pid` runs: a zombie (dead, its parent not yet told, as a container's init may be slow to) does not. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc: trust the signal
  }
}
