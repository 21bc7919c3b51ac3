import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { ArgumentError } from "../src/errors";
import { CONFIG_DIR } from "../tools/start/environment";
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

/** Runs `npm start`'s script (of the course in `root`) with only `path` on PATH. */
function start(args: string[], path: string, extraEnv: Record<string, string> = {}, root = ROOT) {
  // As package.json's start script runs it: not through the tsx command, which relays a signal to the script
  // and kills it outright (exit 143) when it has not acknowledged the signal within some 60 ms, as on a busy machine.
  return spawn(process.execPath, ["--import", "tsx", "tools/start/cli.ts", ...args], {
    cwd: root,
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

/** Waits for npm start to print the address, then stops it with one SIGTERM; resolves with how it ended. */
function stopOnceOpen(child: ReturnType<typeof start>) {
  const result = finished(child);
  let printed = "";
  const listen = (d: Buffer) => {
    printed += d;
    if (!/Ctrl\+C/.test(printed)) return;
    child.stdout!.off("data", listen);
    child.kill("SIGTERM");
  };
  child.stdout!.on("data", listen);
  return result;
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
    expect(findJupyter({ PATH: both })).toEqual({ kind: "lab", name: "JupyterLab", command: join(both, "jupyter-lab"), args: [], lecturesPath: "lab/tree/lectures" });
  });

  it("falls back to classic Notebook, or uses it when asked to", () => {
    expect(findJupyter({ PATH: classic })?.kind).toBe("notebook");
    expect(findJupyter({ PATH: both }, "notebook")).toEqual({ kind: "notebook", name: "Jupyter Notebook", command: join(both, "jupyter-notebook"), args: [], lecturesPath: "tree/lectures" });
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
    for (const flag of ["--port <n>", "--no-browser", "--notebook7", "--yes", "--python <cmd>", "--system-jupyter", "--notebook "]) expect(out).toContain(flag);
  });

  it("rejects a bad port with exit code 2, naming the flag", async () => {
    const { code, err } = await finished(start(["--port", "70000"], ""));
    expect(code).toBe(2);
    expect(err).toMatch(/--port: expected a whole number from 1 to 65535, received "70000"/);
  });

  it("rejects an unknown option with exit code 2, naming it and pointing at --help", async () => {
    const { code, err } = await finished(start(["--bogus"], ""));
    expect(code).toBe(2);
    expect(err).toMatch(
      /^npm start: unknown option --bogus \(expected one of --port, --no-browser, --notebook7, --yes, --python, --system-jupyter, --notebook, --help\)\. Run `npm start -- --help` to see the options\.$/m,
    );
  });

  it.each([
    [["--notebook7", "--notebook"], /--notebook7: expected no --notebook with it/],
    [["--notebook7", "--system-jupyter"], /--notebook7: expected no --system-jupyter with it/],
    [["--system-jupyter", "--python", "python3"], /--python: expected no --system-jupyter with it/],
  ])("rejects %j with exit code 2: they contradict each other", async (args, message) => {
    const { code, err } = await finished(start(args, ""));
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it.each([["--system-jupyter"], ["--notebook"]])("%s without a Jupyter on PATH prints the install command and exits 1", async (flag) => {
    const { code, err } = await finished(start(["--no-browser", flag], binFolder("nothing", [])));
    expect(code).toBe(1);
    expect(err).toContain(installCommand());
  });

  const log = join(temp, "fake-jupyter.json");
  const fake = binFolder("fake", ["jupyter-notebook"], `exec "${process.execPath}" "${join(ROOT, "test", "fixtures", "start", "fake-jupyter.js")}" "$@"`);

  /** Starts with the stand-in Jupyter and stops it (SIGTERM, forwarded to Jupyter) once the address is out. */
  function startFake(env: Record<string, string>) {
    const child = start(["--no-browser", "--notebook", "--port", "18123"], fake, { FAKE_JUPYTER_LOG: log, ...env });
    return stopOnceOpen(child);
  }

  it("launches Jupyter on 127.0.0.1 with the project's kernel and a fresh token, and prints the lectures' address", async () => {
    const { code, out } = await startFake({ JUPYTER_PATH: "/users/own", JUPYTER_CONFIG_PATH: "/users/config" });
    const url = /http:\/\/127\.0\.0\.1:18123\/tree\/lectures\?token=([0-9a-f]{48})/.exec(out);
    expect(url, out).not.toBeNull();
    const jupyter = JSON.parse(readFileSync(log, "utf8"));
    expect(jupyter.args).toEqual(expect.arrayContaining(["--ip=127.0.0.1", "--no-browser", "--port=18123", `--notebook-dir=${ROOT}`]));
    expect(jupyter.cwd).toBe(ROOT);
    expect(jupyter.env.JUPYTER_TOKEN).toBe(url![1]);
    expect(jupyter.env.JUPYTER_PATH).toBe(`${jupyterDir(ROOT)}${delimiter}/users/own`);
    // Jupyter reads the course's server configuration (the watchdog) first, then the user's, and watches its input.
    expect(jupyter.env.JUPYTER_CONFIG_PATH).toBe(`${CONFIG_DIR}${delimiter}/users/config`);
    expect(jupyter.env.COURSE_WATCH_STDIN).toBe("1");
    // Every folder Jupyter writes to (kernelspecs, trust records, settings, connection files) is in the project.
    expect(jupyter.env.JUPYTER_DATA_DIR).toBe(jupyterDir(ROOT));
    for (const name of ["JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"]) expect(jupyter.env[name], name).toMatch(new RegExp(`^${ROOT}/\\.course/`));
    const written = JSON.parse(readFileSync(join(jupyterDir(ROOT), "kernels", "tslab", "kernel.json"), "utf8"));
    expect(written).toEqual(kernelspec(ROOT));
    expect(code).toBe(0);
  });

  it.each([
    ["behind a launcher with another process id (Windows' .exe)", { FAKE_SERVER_PID: "1" }],
    ["beside another server of the same course folder", { FAKE_OTHER_SERVER: "1" }],
  ])("finds the server it started (by its token) when Jupyter runs %s", async (_, env) => {
    const { code, out } = await startFake(env);
    expect(out).toMatch(/http:\/\/127\.0\.0\.1:18123\/tree\/lectures\?token=[0-9a-f]{48}/);
    expect(code).toBe(0);
  });
});


/**
 * The course's own Jupyter environment, made by npm start in a copy of the course (so the real .course/ is not
 * touched) with a stand-in Python (test/fixtures/start/fake-python.js) that logs what it is asked to do.
 */
describe("the course's Jupyter environment", () => {
  const python = binFolder("python", ["python3"], `exec "${process.execPath}" "${join(ROOT, "test", "fixtures", "start", "fake-python.js")}" "$@"`);
  let copies = 0;

  /** A folder holding what npm start needs of the course: tools/start and what it imports, and node_modules. */
  function courseCopy(): { root: string; calls: () => { python: string; args: string[]; TMPDIR?: string; PYTHONNOUSERSITE?: string }[]; env: Record<string, string>; home: string } {
    const root = join(temp, `course-${++copies}`);
    for (const path of ["tools/start", "tools/options.ts", "src/errors.ts"]) cpSync(join(ROOT, path), join(root, path), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
    const home = join(root, "..", `home-${copies}`);
    spawnSync("mkdir", ["-p", home]);
    const log = join(temp, `python-${copies}.log`);
    writeFileSync(log, "");
    const calls = () => readFileSync(log, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line));
    return { root, calls, home, env: { FAKE_PYTHON_LOG: log, FAKE_JUPYTER_LOG: join(temp, `jupyter-${copies}.json`), HOME: home } };
  }
  const run = (course: ReturnType<typeof courseCopy>, args: string[], env: Record<string, string> = {}) =>
    start(["--no-browser", "--port", "18125", ...args], python, { ...course.env, ...env }, course.root);
  const venv = (course: ReturnType<typeof courseCopy>) => join(course.root, ".course", "python");

  it("without a terminal and without --yes installs nothing, says what it would install and which flag to add, and exits 3", async () => {
    const course = courseCopy();
    const { code, err } = await finished(run(course, []));
    expect(code).toBe(3);
    expect(err).toContain(venv(course));
    expect(err).toMatch(/JupyterLab 4\.\d+\.\d+ and Notebook 7\.\d+\.\d+/);
    expect(err).toMatch(/about \d+ MB to download, \d+ MB on disk/);
    expect(err).toContain("/fake/python3 (Python 3.11.4)");
    expect(err).toContain("npm start -- --yes");
    expect(err).toContain("npm start -- --system-jupyter");
    expect(existsSync(venv(course))).toBe(false);
    expect(course.calls().map((c) => c.args[0])).toEqual(["-c"]); // asked the version, nothing else
  });

  it("--yes makes it with pip from the hashed requirements (wheels only, no cache, temporary files inside), then runs its JupyterLab; later starts reuse it", async () => {
    const course = courseCopy();
    const first = await stopOnceOpen(run(course, ["--yes"]));
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/Made .*\.course\/python in \d+ s \(\d+ MB\)/);
    expect(first.out).toMatch(/The course is open in JupyterLab 4\.\d+\.\d+ at\s+http:\/\/127\.0\.0\.1:18125\/lab\/tree\/lectures\?token=/);
    const [, venvCall, pip, jupyter, more] = course.calls();
    expect(venvCall.args).toEqual(["-m", "venv", venv(course)]);
    expect(pip.python).toBe(join(venv(course), "bin", "python"));
    expect(pip.args.slice(0, 3)).toEqual(["-m", "pip", "install"]);
    expect(pip.args).toEqual(expect.arrayContaining(["--require-hashes", "--only-binary", ":all:", "--no-cache-dir", "--disable-pip-version-check"]));
    expect(pip.args.slice(-2)).toEqual(["-r", join(course.root, "tools", "start", "requirements.txt")]);
    expect(pip.TMPDIR).toBe(join(course.root, ".course", "tmp"));
    expect(pip.PYTHONNOUSERSITE).toBe("1");
    expect(more).toBeUndefined(); // a fresh environment is not checked again
    expect(jupyter.python).toBe(join(venv(course), "bin", "python"));
    expect(jupyter.args.slice(0, 2)).toEqual(["-m", "jupyterlab"]);
    expect(jupyter.args).toContain("--KernelSpecManager.allowed_kernelspecs=tslab");
    expect(existsSync(join(course.root, ".course", "tmp"))).toBe(false);
    expect(readdirSync(course.home), "files written to HOME").toEqual([]);

    const again = await stopOnceOpen(run(course, []));
    expect(again.code, again.err).toBe(0);
    expect(again.out).not.toMatch(/Made /);
    expect(course.calls().slice(4).map((c) => c.args.slice(0, 2))).toEqual([["-c", expect.stringContaining("importlib.metadata")], ["-m", "jupyterlab"]]);
  });

  it("--notebook7 runs the environment's Notebook 7 and opens lectures/ in its file browser", async () => {
    const course = courseCopy();
    const { code, out } = await stopOnceOpen(run(course, ["--yes", "--notebook7"]));
    expect(code).toBe(0);
    expect(out).toMatch(/The course is open in Notebook 7\.\d+\.\d+ at\s+http:\/\/127\.0\.0\.1:18125\/tree\/lectures\?token=/);
    expect(course.calls().pop()!.args.slice(0, 2)).toEqual(["-m", "notebook"]);
  });

  it("remakes an environment made from an earlier requirements.txt, saying so; without consent it keeps the old one", async () => {
    const course = courseCopy();
    expect((await stopOnceOpen(run(course, ["--yes"]))).code).toBe(0);
    const requirements = join(course.root, "tools", "start", "requirements.txt");
    writeFileSync(requirements, readFileSync(requirements, "utf8").replace(/^jupyterlab==\S+/m, "jupyterlab==4.99.0"));
    const refused = await finished(run(course, []));
    expect(refused.code).toBe(3);
    expect(refused.out).toMatch(/must be made again: it was made from an earlier tools\/start\/requirements\.txt \(JupyterLab 4\.\d+\.\d+ then, 4\.99\.0 now\)/);
    expect(existsSync(join(venv(course), "site.json")), "the old environment is kept").toBe(true);
    const remade = await stopOnceOpen(run(course, ["--yes"]));
    expect(remade.code).toBe(0);
    expect(remade.out).toContain("The course is open in JupyterLab 4.99.0");
  });

  it.each([
    ["an unfinished install", (dir: string) => writeFileSync(join(dir, "course-environment.json"), readFileSync(join(dir, "course-environment.json"), "utf8").replace('"finished": true', '"finished": false')), {}, /its installation did not finish/],
    ["a Python that cannot load JupyterLab", () => {}, { FAKE_PYTHON_BROKEN: "1" }, /its Python cannot load JupyterLab \(ModuleNotFoundError: No module named 'jupyterlab'\)/],
    ["a Python that is gone", (dir: string) => rmSync(join(dir, "bin", "python")), {}, /its Python \(.*bin\/python\) is gone/],
  ])("says an environment with %s is broken, and remakes it", async (_, breakIt, env: Record<string, string>, reason) => {
    const course = courseCopy();
    expect((await stopOnceOpen(run(course, ["--yes"]))).code).toBe(0);
    breakIt(venv(course));
    const refused = await finished(run(course, [], env));
    expect(refused.code).toBe(3);
    expect(refused.out).toMatch(reason);
    const remade = await stopOnceOpen(run(course, ["--yes"], env));
    expect(remade.code, remade.err).toBe(0);
    expect(remade.out).toMatch(/Made /);
  });

  it("never touches a .course/python it did not make: exit 1, the folder kept", async () => {
    const course = courseCopy();
    spawnSync("mkdir", ["-p", venv(course)]);
    writeFileSync(join(venv(course), "mine.txt"), "keep me");
    const { code, err } = await finished(run(course, ["--yes"]));
    expect(code).toBe(1);
    expect(err).toMatch(/holds files that npm start did not put there/);
    expect(readFileSync(join(venv(course), "mine.txt"), "utf8")).toBe("keep me");
  });

  it("--python names the Python that makes it", async () => {
    const course = courseCopy();
    const other = binFolder("other-python", ["python3.12"], `FAKE_PYTHON_VERSION=3.12.1 exec "${process.execPath}" "${join(ROOT, "test", "fixtures", "start", "fake-python.js")}" "$@"`);
    const { code, out } = await stopOnceOpen(run(course, ["--yes", "--python", join(other, "python3.12")]));
    expect(code).toBe(0);
    expect(out).toContain("(Python 3.12.1)");
  });

  it("without Python 3.10 or newer says which it found and what to do instead, and exits 1", async () => {
    const course = courseCopy();
    const { code, err } = await finished(run(course, ["--yes"], { FAKE_PYTHON_VERSION: "3.9.6" }));
    expect(code).toBe(1);
    expect(err).toContain("with Python 3.10 or newer, but found no Python 3.10 or newer (/fake/python3 is 3.9.6)");
    expect(err).toContain("npm start -- --system-jupyter");
    expect(existsSync(venv(course))).toBe(false);
  });

  it("when pip fails, says so, leaves no half-made environment and exits 1", async () => {
    const course = courseCopy();
    const { code, err } = await finished(run(course, ["--yes"], { FAKE_PIP_FAILS: "1" }));
    expect(code).toBe(1);
    expect(err).toMatch(/could not be made: `.*bin\/python -m pip install .*` failed \(exit code 1\)/);
    expect(existsSync(venv(course))).toBe(false);
    expect(existsSync(join(course.root, ".course", "tmp"))).toBe(false);
  });

  /** npm start in a terminal (util-linux `script` gives it one), typing `answer` once it asks. */
  function inTerminal(course: ReturnType<typeof courseCopy>, answer: string) {
    // `exec`, as npm's start script: else the shell `script` starts would also take the Ctrl+C, and die of it.
    const command = ["exec", ...[process.execPath, "--import", "tsx", "tools/start/cli.ts", "--no-browser", "--port", "18125"].map((a) => `'${a}'`)].join(" ");
    const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: course.root, env: { PATH: `${python}${delimiter}/usr/bin${delimiter}/bin`, ...course.env } });
    let printed = "";
    let stopped = false;
    child.stdin.on("error", () => {}); // it may have exited when the last keys are typed
    // Should the test fail: closing the terminal hangs it up (SIGHUP), which stops npm start.
    onTestFinished(() => void child.kill("SIGKILL"));
    child.stdout.on("data", (d) => {
      printed += d;
      if (printed.includes("[y/N]") && answer) {
        child.stdin.write(answer);
        answer = "";
      }
      if (/Ctrl\+C/.test(printed) && !stopped) {
        stopped = true;
        child.stdin.write("\x03"); // Ctrl+C, as the user stops it
      }
    });
    return finished(child);
  }

  it.each([
    ["n\r", "no"],
    ["\x03", "Ctrl+C"],
  ])("in a terminal asks once; %j (%s) installs nothing and exits 3", async (answer) => {
    const course = courseCopy();
    const { code, out } = await inTerminal(course, answer);
    expect(code).toBe(3);
    expect(out.match(/Make it now\? \[y\/N\]/g)).toHaveLength(1);
    expect(out).toContain("Nothing was installed.");
    expect(existsSync(venv(course))).toBe(false);
  });

  it("in a terminal, answering y makes it and opens the course", async () => {
    const course = courseCopy();
    const { code, out } = await inTerminal(course, "y\r");
    expect(out).toMatch(/Made .*\.course\/python/);
    expect(out).toMatch(/The course is open in JupyterLab/);
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
    onTestFinished(() => [child.pid!, pid, kernelPid].forEach((p) => signal(p, "SIGKILL")));
    expect(running(pid) && running(kernelPid)).toBe(true);
    return { npm: child, result, jupyter: pid, kernel: kernelPid };
  }

  it.each(["SIGINT", "SIGTERM", "SIGHUP"] as const)("%s to the npm process stops Jupyter and its kernel", async (signal) => {
    const { npm, result, jupyter, kernel } = await npmStart();
    process.kill(npm.pid!, signal);
    await result;
    await until(() => !running(jupyter) && !running(kernel), 5_000);
  });

  it("a signal repeated while it is stopping (the second SIGINT of one Ctrl+C) does not kill it: it exits 0", async () => {
    const { npm, result } = await npmStart();
    const script = Number(spawnSync("pgrep", ["-P", String(npm.pid)], { encoding: "utf8" }).stdout.trim());
    npm.stdout!.on("data", (d) => {
      if (!String(d).includes("stopping Jupyter")) return;
      // Again and again until it has exited, so that one lands while Node is winding down.
      const again = setInterval(() => signal(script, "SIGINT"), 1);
      npm.on("exit", () => clearInterval(again));
    });
    process.kill(script, "SIGINT");
    const { code } = await result;
    expect(code).toBe(0);
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

describe("the watchdog in Jupyter's configuration (jupyter-config/course_watchdog.py)", () => {
  /** A Python that loads the watchdog as Jupyter's configuration files do, then waits. */
  const watched = (env: Record<string, string>) =>
    spawn("python3", ["-c", `import sys, time; sys.path.insert(0, ${JSON.stringify(CONFIG_DIR)}); import course_watchdog; course_watchdog.watch(); print("watching", flush=True); time.sleep(60)`], {
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "inherit"],
    });

  it("stops the server (SIGTERM to itself) as soon as its input closes, i.e. once npm start's process is gone", async () => {
    const python = watched({ COURSE_WATCH_STDIN: "1" });
    onTestFinished(() => void python.kill("SIGKILL"));
    await new Promise((resolve) => python.stdout.once("data", resolve));
    const ended = new Promise((resolve) => python.on("exit", (code, signal) => resolve(signal ?? code)));
    python.stdin.end();
    expect(await ended).toBe("SIGTERM");
  });
});

function running(pid: number): boolean {
  return signal(pid, 0);
}

/** Sends `sig` if `pid` still exists; false if it has gone (it may exit between any check and the kill). */
function signal(pid: number, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
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
