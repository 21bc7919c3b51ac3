/**
 * `npm start` owns what it starts. Jupyter runs in a process group of its own, so neither a Ctrl+C in the
 * terminal nor a closed terminal reaches it directly: the start script alone decides when it stops, and stops
 * it with everything in its group. Jupyter shuts its kernels down when it is asked to stop (SIGTERM); kernels
 * run in sessions of their own, so the kernelspec also starts each one with a guard that ends it should
 * Jupyter die without doing so (../kernel/guard.js).
 *
 * The script stops Jupyter on SIGINT, SIGTERM and SIGHUP, and when the process that started it is gone.
 * npm runs a script through `sh -c` and passes SIGINT and SIGTERM on to that shell only; Debian's sh (dash)
 * holds a SIGINT until its command ends, so it would never reach this script. So package.json runs the script
 * as `exec node ...`: the shell becomes this script, and npm signals it directly. npm dies of any other
 * signal (SIGHUP, SIGKILL) without passing it on, which leaves this script orphaned: hence the watch on the
 * parent.
 */
import { ChildProcess } from "node:child_process";

export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Sends `signal` to the child's whole process group (POSIX), or to the child alone (Windows). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (process.platform === "win32") child.kill(signal);
    else process.kill(-child.pid!, signal);
  } catch {
    // The group is gone already.
  }
}

/**
 * SIGTERM to the group, then SIGKILL to what is left of it after `graceMs`; resolves when the child has exited.
 */
export function stopGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
  const exited = child.exitCode !== null || child.signalCode !== null;
  if (exited) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    signalGroup(child, "SIGTERM");
  });
}

/** Calls `onGone` once, as soon as the process that started this one has exited (checked twice a second). */
export function watchParent(onGone: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, 500);
  timer.unref();
}
