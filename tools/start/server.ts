/**
 * Starts the Jupyter server on 127.0.0.1 and waits until it listens.
 *
 * Every Jupyter server (classic Notebook: nbserver-PID.json, jupyter_server: jpserver-PID.json) writes its
 * address and token to a file in its runtime folder once it listens; that is how `jupyter notebook list`
 * finds servers. Reading it works for every version, unlike their log lines.
 */
import { ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
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
 * its own (./lifetime says why), reading nothing from the terminal and writing its log to ours.
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
  return spawn(app.command, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"], detached });
}

/** Resolves once `child` has written its server file; rejects if it exits first or takes too long. */
export function waitForServer(child: ChildProcess, runtimeDir: string, timeoutMs = 120_000): Promise<ServerInfo> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const onExit = (code: number | null) => finish(new Error(`Jupyter exited (code ${code}) before it was ready`));
    const timer = setInterval(() => {
      const info = readServerInfo(runtimeDir, child.pid!, started);
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

/**
 * The server file of `pid`; failing that, the newest one written since `since` (on Windows `jupyter-lab.exe`
 * is a launcher, so the server's pid is not the one we started).
 */
function readServerInfo(runtimeDir: string, pid: number, since: number): ServerInfo | undefined {
  const files = readdirSync(runtimeDir)
    .filter((name) => /^(jp|nb)server-\d+\.json$/.test(name))
    .map((name) => ({ path: join(runtimeDir, name), ours: name.endsWith(`-${pid}.json`), time: statSync(join(runtimeDir, name)).mtimeMs }))
    .filter((file) => file.ours || file.time >= since)
    .sort((a, b) => Number(b.ours) - Number(a.ours) || b.time - a.time);
  if (files.length === 0) return undefined;
  try {
    const info = JSON.parse(readFileSync(files[0].path, "utf8"));
    return { url: info.url, port: info.port, token: info.token };
  } catch {
    return undefined; // written but not complete yet: read it again on the next tick
  }
}
