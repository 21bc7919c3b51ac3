/**
 * Every kernel runs in its own process group; this registry kills those groups whenever this process stops:
 * normal exit, an uncaught error, Ctrl-C (SIGINT) or SIGTERM. Then no kernel, nor anything a cell spawned,
 * outlives the runner.
 */
const groups = new Set<number>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export function adopt(pid: number): void {
  if (groups.size === 0) listen();
  groups.add(pid);
}

/** Kills the process group led by `pid` (SIGKILL: a kernel keeps no state worth saving). */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // ESRCH: the group is already gone.
  }
  groups.delete(pid);
  if (groups.size === 0) unlisten();
}

function killAll(): void {
  for (const pid of [...groups]) killGroup(pid);
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  // Our handler replaced the default one; raise the signal again so the process ends as it would have.
  unlisten();
  process.kill(process.pid, signal);
}

function listen(): void {
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on("exit", killAll);
}

function unlisten(): void {
  for (const signal of SIGNALS) process.off(signal, onSignal);
  process.off("exit", killAll);
}
