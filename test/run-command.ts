/**
 * What `spawnSync` gives, without blocking the test worker's event loop while the command runs (a test that
 * waits synchronously for a long command can turn a passing run red; see event-loop-guard.ts).
 */
import { spawn, type SpawnOptions } from "node:child_process";

export interface CommandResult {
  /** Exit code, or null when a signal ended the command. */
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Set when the command could not start, or ran past `timeout` (then it was killed). */
  error?: Error;
}

export function runCommand(command: string, args: string[], options: SpawnOptions & { timeout?: number } = {}): Promise<CommandResult> {
  const { timeout, ...spawnOptions } = options;
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...spawnOptions, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let error: Error | undefined;
    child.stdout!.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr!.on("data", (chunk: Buffer) => err.push(chunk));
    const timer = timeout === undefined ? undefined : setTimeout(() => {
      error = new Error(`${command} ${args.join(" ")} ran longer than ${timeout} ms and was killed`);
      child.kill("SIGTERM");
    }, timeout);
    child.on("error", (failure) => (error = failure));
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), error });
    });
  });
}
