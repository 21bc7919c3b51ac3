/**
 * The course as a student opens it: `npm start -- --no-browser --port <free port>` and the front end's flag
 * (`--notebook` for Debian's classic Notebook 6; none, or `--notebook7`, for the course's own JupyterLab 4 or
 * Notebook 7, with `--yes` to make its environment on the first start), so the test covers the start command
 * itself (environment, kernelspec, Jupyter's flags, the printed address).
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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
  /** The process ids of the start script (npm's child) and of the Jupyter server it started. */
  processes(): { script: number; jupyter: number };
  /** Resolves once npm has exited. */
  exited: Promise<void>;
}

export interface StartOptions {
  /** npm start's flags besides --no-browser and --port (default: --notebook, Debian's classic Notebook). */
  flags?: string[];
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export async function startCourse(root: string, { flags = ["--notebook"], env = process.env, timeoutMs = 60_000 }: StartOptions = {}): Promise<CourseServer> {
  const port = await freePort();
  // Its own process group, so that stop() reaches npm, the start script and Jupyter together, like Ctrl+C.
  const child = spawn("npm", ["start", "--", "--no-browser", ...flags, "--port", String(port)], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env,
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
    processes: () => {
      const script = childrenOf(child.pid!)[0];
      return { script, jupyter: childrenOf(script)[0] };
    },
    exited,
  };
}

function childrenOf(pid: number): number[] {
  return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
}

/**
 * The environment for a JupyterLab or Notebook 7 started by a test: the application exposed to the page
 * (`window.jupyterapp`, which the tests read), and settings and workspaces in a temporary folder instead of the
 * course's `.course/config` (so the tests neither read nor change a developer's own): no news or update check
 * (no network, no notification over the page), and autosave off, or every `autosaveSeconds`.
 */
export function frontEndEnvironment(autosaveSeconds: number | false, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), "course-front-end-"));
  const write = (path: string, value: unknown) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(value));
  };
  write("config/jupyter_server_config.json", { LabApp: { expose_app_in_browser: true }, JupyterNotebookApp: { expose_app_in_browser: true } });
  write("settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings", { fetchNews: "false", checkForUpdates: false });
  write("settings/@jupyterlab/docmanager-extension/plugin.jupyterlab-settings", autosaveSeconds === false ? { autosave: false } : { autosave: true, autosaveInterval: autosaveSeconds });
  mkdirSync(join(dir, "workspaces"));
  return {
    ...env,
    JUPYTER_CONFIG_PATH: join(dir, "config"),
    JUPYTERLAB_SETTINGS_DIR: join(dir, "settings"),
    JUPYTERLAB_WORKSPACES_DIR: join(dir, "workspaces"),
  };
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  process.kill(-child.pid!, "SIGINT");
  const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Command lines of kernels still running from this project's runtime folder (where `npm start` puts their connection files). */
export function leftoverKernels(root: string): string[] {
  const connectionFiles = join(root, ".course", "runtime", "kernel-");
  return execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes(connectionFiles));
}

/** Whether process `pid` is running. */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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
