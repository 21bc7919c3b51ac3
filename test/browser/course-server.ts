/**
 * The course as a student opens it: `npm start -- --no-browser --port <free port> --notebook`, so the test
 * covers the start command itself (kernelspec, Jupyter's flags, the printed address).
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { createServer } from "node:net";

export interface CourseServer {
  /** e.g. http://127.0.0.1:40123/ */
  base: string;
  token: string;
  /** Everything `npm start` printed so far (for failure messages). */
  log(): string;
  /** Ctrl+C, as a student stops it; resolves once npm has exited. */
  stop(): Promise<void>;
  /** Sends `signal` to the npm process alone (as a process manager would); resolves once npm has exited. */
  signal(signal: NodeJS.Signals): Promise<void>;
}

export async function startCourse(root: string, timeoutMs = 60_000): Promise<CourseServer> {
  const port = await freePort();
  // Its own process group, so that stop() reaches npm, the start script and Jupyter together, like Ctrl+C.
  const child = spawn("npm", ["start", "--", "--no-browser", "--notebook", "--port", String(port)], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const url = await waitFor(() => /open in .* at\s+(http:\/\/127\.0\.0\.1:\d+\/)\S*\?token=(\w+)/.exec(output), child, timeoutMs, () => output);
  return {
    base: url[1],
    token: url[2],
    log: () => output,
    stop: () => stop(child, exited),
    signal: async (signal) => {
      process.kill(child.pid!, signal);
      await exited;
    },
  };
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  process.kill(-child.pid!, "SIGINT");
  const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Command lines of kernels still running from this project's runtime folder (where `npm start` puts them). */
export function leftoverKernels(root: string): string[] {
  const runtime = join(root, ".course", "runtime");
  return execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes("tslab") && line.includes(runtime));
}

function waitFor<T>(find: () => T | null, child: ChildProcess, timeoutMs: number, log: () => string): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const found = find();
      if (found) resolve(found);
      else if (child.exitCode !== null) reject(new Error(`npm start exited with ${child.exitCode}:\n${log()}`));
      else if (Date.now() - started > timeoutMs) reject(new Error(`npm start printed no address in ${timeoutMs} ms:\n${log()}`));
      else return;
      clearInterval(timer);
    }, 100);
  });
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
