/**
 * Starts the Jupyter server on 127.0.0.1 and waits until it listens.
 *
 * Every Jupyter server (classic Notebook: nbserver-PID.json, jupyter_server: jpserver-PID.json) writes its
 * address and token to a file in its runtime folder once it listens; that is how `jupyter notebook list`
 * finds servers. Reading it works for every version, unlike their log lines. Ours is the file with the token
 * we gave it: not the file named after the process we started, which on Windows is a launcher
 * (`jupyter-lab.exe`, a venv's `python.exe`) whose server has another process id, nor the newest file, which
 * may be another server's when two start in the same course folder at once.
 */
import { ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { JupyterApp } from "./jupyter";

export interface ServerInfo {
  /** e.g. http://127.0.0.1:8888/ */
  url: string;
  port: number;
  token: string;
}

export interface LaunchOptions {
  root: string;
  env: NodeJS.ProcessEnv;
  port?: number;
}

/**
 * Starts `app` serving `root` (Jupyter opens no browser: we open lectures/ ourselves), in a process group of
 * its own (./lifetime says why), writing its log to our terminal. Its standard input is a pipe from this
 * process that nothing is written to: when this process ends, however it ends, the pipe closes and Jupyter stops
 * (jupyter-config/course_watchdog.py).
 */
export function launch(app: JupyterApp, { root, env, port }: LaunchOptions): ChildProcess {
  const runtime = env.JUPYTER_RUNTIME_DIR;
  if (runtime) mkdirSync(runtime, { recursive: true });
  const args = ["--ip=127.0.0.1", "--no-browser", `--notebook-dir=${root}`];
  if (port !== undefined) args.push(`--port=${port}`);
  // Jupyter refuses root unless told; root is the usual user in containers and CI.
  if (process.getuid?.() === 0) args.push("--allow-root");
  // On Windows `detached` would open a console window instead; there Jupyter stays in ours.
  const detached = process.platform !== "win32";
  const child = spawn(app.command, [...app.args, ...args], { cwd: root, env: { ...env, COURSE_WATCH_STDIN: "1" }, stdio: ["pipe", "inherit", "inherit"], detached });
  child.stdin!.on("error", () => {}); // nothing is written; a closed pipe is no news
  return child;
}

/** Resolves once the server started as `child` has written its server file; rejects if it exits first or takes too long. */
export function waitForServer(child: ChildProcess, runtimeDir: string, token: string, timeoutMs = 120_000): Promise<ServerInfo> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const onExit = (code: number | null) => finish(new Error(`Jupyter exited (code ${code}) before it was ready`));
    const timer = setInterval(() => {
      const info = readServerInfo(runtimeDir, token);
      if (info) finish(undefined, info);
      else if (Date.now() - started > timeoutMs) finish(new Error(`Jupyter was not ready after ${timeoutMs / 1000} s`));
    }, 200);
    child.once("exit", onExit);
    function finish(error?: Error, info?: ServerInfo): void {
      clearInterval(timer);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(info!);
    }
  });
}

/** The server file that holds `token`, if one has been written (completely) yet. */
function readServerInfo(runtimeDir: string, token: string): ServerInfo | undefined {
  for (const name of readdirSync(runtimeDir).filter((n) => /^(jp|nb)server-\d+\.json$/.test(n))) {
    try {
      const info = JSON.parse(readFileSync(join(runtimeDir, name), "utf8"));
      if (info.token === token) return { url: info.url, port: info.port, token: info.token };
    } catch {
      // gone (another server stopped) or not completely written yet: read again on the next tick
    }
  }
  return undefined;
}
