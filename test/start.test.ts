import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { ArgumentError } from "../src/errors";
import { findJupyter, installCommand } from "../tools/start/jupyter";
import { KERNEL, jupyterDir, kernelspec, withJupyterPath } from "../tools/start/kernelspec";

const ROOT = join(__dirname, "..");
const temp = mkdtempSync(join(tmpdir(), "start-test-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A folder holding executables with the given names (each a shell script running `script`). */
function binFolder(name: string, executables: string[], script = "exit 0"): string {
  const dir = join(temp, name);
  spawnSync("mkdir", ["-p", dir]);
  for (const exe of executables) {
    writeFileSync(join(dir, exe), `#!/bin/sh\n${script}\n`);
    chmodSync(join(dir, exe), 0o755);
  }
  return dir;
}

/** Runs `npm start`'s script with only `path` on PATH. */
function start(args: string[], path: string, extraEnv: Record<string, string> = {}) {
  // As package.json's start script runs it: not through the tsx command, which relays a signal to the script
  // and kills it outright (exit 143) when it has not acknowledged the signal within some 60 ms, as on a busy machine.
  return spawn(process.execPath, ["--import", "tsx", "tools/start/cli.ts", ...args], {
    cwd: ROOT,
    env: { HOME: temp, PATH: path, ...extraEnv },
  });
}

function finished(child: ReturnType<typeof start>): Promise<{ code: number | null; out: string; err: string }> {
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, out, err })));
}

describe("the project's tslab kernelspec", () => {
  it("starts this checkout's kernel with the Node running now, so Jupyter needs no PATH to find it", () => {
    const spec = kernelspec(ROOT);
    expect(spec.argv).toEqual([process.execPath, join(ROOT, "tools", "kernel", "kernel.js"), "--config-path", "{connection_file}"]);
    expect(existsSync(KERNEL)).toBe(true);
    expect(spec.language).toBe("typescript");
  });

  it("interrupts with SIGINT, except on Windows, which has none: there with an interrupt_request message", () => {
    expect(kernelspec(ROOT, "node", "linux").interrupt_mode).toBe("signal");
    expect(kernelspec(ROOT, "node", "darwin").interrupt_mode).toBe("signal");
    expect(kernelspec(ROOT, "node", "win32").interrupt_mode).toBe("message");
  });

  it("refuses a folder without tslab installed, saying to run npm ci", () => {
    expect(() => kernelspec(temp)).toThrow(ArgumentError);
    expect(() => kernelspec(temp)).toThrow(/npm ci/);
  });

  it("puts the project's folder first on JUPYTER_PATH and keeps the user's folders after it", () => {
    expect(withJupyterPath("/p/.course/jupyter", {}).JUPYTER_PATH).toBe("/p/.course/jupyter");
    expect(withJupyterPath("/p/.course/jupyter", { JUPYTER_PATH: "/mine" }).JUPYTER_PATH).toBe(`/p/.course/jupyter${delimiter}/mine`);
  });
});

describe("finding Jupyter", () => {
  const both = binFolder("both", ["jupyter-lab", "jupyter-notebook"]);
  const classic = binFolder("classic", ["jupyter-notebook"]);

  it("prefers JupyterLab, opening lectures/ in its file browser", () => {
    expect(findJupyter({ PATH: both })).toEqual({ kind: "lab", command: join(both, "jupyter-lab"), lecturesPath: "lab/tree/lectures" });
  });

  it("falls back to classic Notebook, or uses it when asked to", () => {
    expect(findJupyter({ PATH: classic })?.kind).toBe("notebook");
    expect(findJupyter({ PATH: both }, "notebook")).toEqual({ kind: "notebook", command: join(both, "jupyter-notebook"), lecturesPath: "tree/lectures" });
  });

  it("finds nothing on an empty PATH or in files that are not executable", () => {
    const plain = join(temp, "plain");
    spawnSync("mkdir", ["-p", plain]);
    writeFileSync(join(plain, "jupyter-lab"), "");
    expect(findJupyter({ PATH: "" })).toBeUndefined();
    expect(findJupyter({ PATH: plain })).toBeUndefined();
  });

  it("names the install command of the system: apt on Debian (sudo unless root), pip elsewhere", () => {
    expect(installCommand(true, true)).toBe("apt-get install jupyter-notebook");
    expect(installCommand(true, false)).toBe("sudo apt-get install jupyter-notebook");
    expect(installCommand(false, false)).toBe("pip install jupyterlab");
  });
});

describe("npm start", () => {
  it("--help explains the flags and exits 0", async () => {
    const { code, out } = await finished(start(["--help"], ""));
    expect(code).toBe(0);
    expect(out).toMatch(/--port <n>/);
    expect(out).toMatch(/--no-browser/);
  });

  it("rejects a bad port with exit code 2, naming the flag", async () => {
    const { code, err } = await finished(start(["--port", "70000"], ""));
    expect(code).toBe(2);
    expect(err).toMatch(/--port: expected a whole number from 1 to 65535, received "70000"/);
  });

  it("rejects an unknown option with exit code 2, naming it and pointing at --help", async () => {
    const { code, err } = await finished(start(["--bogus"], ""));
    expect(code).toBe(2);
    expect(err).toMatch(/^npm start: unknown option --bogus \(expected one of --port, --no-browser, --notebook, --help\)\. Run `npm start -- --help` to see the options\.$/m);
  });

  it("without Jupyter prints the install command and exits 1", async () => {
    const { code, err } = await finished(start(["--no-browser"], binFolder("nothing", [])));
    expect(code).toBe(1);
    expect(err).toContain(installCommand());
  });

  const log = join(temp, "fake-jupyter.json");
  const fake = binFolder("fake", ["jupyter-notebook"], `exec "${process.execPath}" "${join(ROOT, "test", "fixtures", "start", "fake-jupyter.js")}" "$@"`);

  /** Starts with the stand-in Jupyter and stops it (SIGTERM, forwarded to Jupyter) once the address is out. */
  function startFake(env: Record<string, string>) {
    const child = start(["--no-browser", "--port", "18123"], fake, { FAKE_JUPYTER_LOG: log, ...env });
    const result = finished(child);
    let printed = "";
    child.stdout!.on("data", (d) => {
      printed += d;
      if (/Ctrl\+C/.test(printed)) child.kill("SIGTERM");
    });
    return result;
  }

  it("launches Jupyter on 127.0.0.1 with the project's kernel and a fresh token, and prints the lectures' address", async () => {
    const { code, out } = await startFake({ JUPYTER_PATH: "/users/own" });
    const url = /http:\/\/127\.0\.0\.1:18123\/tree\/lectures\?token=([0-9a-f]{48})/.exec(out);
    expect(url, out).not.toBeNull();
    const jupyter = JSON.parse(readFileSync(log, "utf8"));
    expect(jupyter.args).toEqual(expect.arrayContaining(["--ip=127.0.0.1", "--no-browser", "--port=18123", `--notebook-dir=${ROOT}`]));
    expect(jupyter.cwd).toBe(ROOT);
    expect(jupyter.env.JUPYTER_TOKEN).toBe(url![1]);
    expect(jupyter.env.JUPYTER_PATH).toBe(`${jupyterDir(ROOT)}${delimiter}/users/own`);
    // Every folder Jupyter writes to (kernelspecs, trust records, settings, connection files) is in the project.
    expect(jupyter.env.JUPYTER_DATA_DIR).toBe(jupyterDir(ROOT));
    for (const name of ["JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"]) expect(jupyter.env[name], name).toMatch(new RegExp(`^${ROOT}/\\.course/`));
    const written = JSON.parse(readFileSync(join(jupyterDir(ROOT), "kernels", "tslab", "kernel.json"), "utf8"));
    expect(written).toEqual(kernelspec(ROOT));
    expect(code).toBe(0);
  });

  it("finds the server when Jupyter runs behind a launcher with another process id (Windows' .exe)", async () => {
    const { code, out } = await startFake({ FAKE_SERVER_PID: "1" });
    expect(out).toMatch(/http:\/\/127\.0\.0\.1:18123\/tree\/lectures\?token=[0-9a-f]{48}/);
    expect(code).toBe(0);
  });
});

describe("npm start owns its processes", () => {
  const log = join(temp, "owned-jupyter.json");
  const fake = binFolder("owned", ["jupyter-notebook"], `exec "${process.execPath}" "${join(ROOT, "test", "fixtures", "start", "fake-jupyter.js")}" "$@"`);

  /** `npm start` itself (npm, its shell, the script) with the stand-in Jupyter, which starts one kernel. */
  async function npmStart() {
    const child = spawn("npm", ["start", "--", "--no-browser", "--notebook", "--port", "18124"], {
      cwd: ROOT,
      env: { HOME: temp, PATH: `${fake}${delimiter}${dirname(process.execPath)}`, FAKE_JUPYTER_LOG: log, FAKE_KERNEL: "1" },
    });
    const result = finished(child);
    await new Promise<void>((resolve) => child.stdout!.on("data", (d) => String(d).includes("Ctrl+C") && resolve()));
    const { pid, kernelPid } = JSON.parse(readFileSync(log, "utf8")) as { pid: number; kernelPid: number };
    // Should the test fail, leave nothing running behind it.
    onTestFinished(() => [child.pid!, pid, kernelPid].forEach((p) => running(p) && process.kill(p, "SIGKILL")));
    expect(running(pid) && running(kernelPid)).toBe(true);
    return { npm: child, result, jupyter: pid, kernel: kernelPid };
  }

  it.each(["SIGINT", "SIGTERM", "SIGHUP"] as const)("%s to the npm process stops Jupyter and its kernel", async (signal) => {
    const { npm, result, jupyter, kernel } = await npmStart();
    process.kill(npm.pid!, signal);
    await result;
    await until(() => !running(jupyter) && !running(kernel), 5_000);
  });

  it("a kernel ends by itself when Jupyter is killed outright, and npm start says Jupyter stopped", async () => {
    const { result, jupyter, kernel } = await npmStart();
    process.kill(jupyter, "SIGKILL");
    const { code, err } = await result;
    expect(code).not.toBe(0);
    expect(err).toContain("Jupyter stopped by itself (SIGKILL)");
    await until(() => !running(kernel), 5_000);
  });
});

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once `done()` holds; fails the test if it still does not after `timeoutMs`. */
async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error(`still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
