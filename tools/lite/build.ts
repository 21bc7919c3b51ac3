/**
 * Builds the course's JupyterLite deployment: JupyterLite's own app (`jupyter lite build`, jupyterlite-core from
 * PyPI, in a virtual environment of the project's) with the TypeScript kernel as a federated extension and
 * the course's notebooks as its contents.
 *
 * Why the app comes from PyPI and the extension from npm: JupyterLite publishes its prebuilt app only inside
 * the jupyterlite-core wheel (npm has its source packages, whose build is JupyterLab's full one), while
 * building an extension needs nothing of Python: @jupyter/builder (what `jupyter labextension build` runs
 * since JupyterLab 4.6), given the app's own package.json, so that the modules the extension shares are the
 * ones the app has. Every version is pinned: requirements.txt (PyPI) and package-lock.json (npm) here.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";

const ROOT = join(__dirname, "..", "..");
const LITE = __dirname;
const BUILD = join(LITE, "build");
const CACHE = join(ROOT, "node_modules", ".cache", "rnn-course", "lite");

export interface LiteOptions {
  /** Where the deployment goes (a folder `jupyter lite build` may fill). */
  out: string;
  /** Notebooks and files, by their path in the deployment (e.g. "lectures/01-time-series.ipynb") -> file on disk. */
  contents: Record<string, string>;
  /** Shown in the browser's title bar. */
  title: string;
  log?: (line: string) => void;
}

export async function buildLite(options: LiteOptions): Promise<void> {
  const log = options.log ?? (() => {});
  const python = pythonEnvironment(log);
  const extensions = await extension(python, log);
  log("building the JupyterLite site");
  liteBuild(python, extensions, options);
}

/**
 * The folder holding the built extension (<it>/rnn-course-lite/), made once per version of everything that
 * goes into it (the kernel's and the library's sources, the lock files), under node_modules/.cache: a
 * second `npm run site` only runs `jupyter lite build`.
 */
async function extension(python: string, log: (line: string) => void): Promise<string> {
  const built = join(CACHE, `extension-${inputsHash()}`);
  if (existsSync(join(built, "rnn-course-lite", "package.json"))) return built;
  installTools(log);
  // A folder of this run's own (two builds at once must not share one), inside tools/lite so that the
  // builder finds the extension's packages in tools/lite/node_modules.
  mkdirSync(BUILD, { recursive: true });
  const run = mkdtempSync(join(BUILD, "run-"));
  try {
    log("bundling the kernel");
    const { bundleWorker, bundlePlugin } = await import("./bundle");
    const { kernelFiles } = await import("./kernel-files");
    const statics = join(run, "static");
    mkdirSync(statics, { recursive: true });
    await Promise.all([
      bundleWorker(join(statics, "kernel-worker.js")),
      bundlePlugin(join(run, "plugin", "index.js")),
    ]);
    writeFileSync(join(statics, "files.json"), JSON.stringify(kernelFiles()));
    copyAssets(statics);
    log("building the JupyterLite extension");
    buildExtension(python, run);
    // Moved in whole: a cache entry is either complete or absent.
    const entry = join(run, "entry");
    mkdirSync(entry);
    renameSync(join(run, "labextension"), join(entry, "rnn-course-lite"));
    removeOld("extension-");
    renameSync(entry, built);
  } finally {
    rmSync(run, { recursive: true, force: true });
  }
  return built;
}

/**
 * What the built extension depends on: the sources bundled into it (the library's, and those of its workspace
 * packages, bundled from their sources or their builds) and the versions of every package.
 */
const INPUTS = [
  "src",
  ...workspaceSources(),
  "tools/lite/src",
  "autograder/core",
  "tools/check",
  "tools/lite/bundle.ts",
  "tools/lite/kernel-files.ts",
  "tools/lite/lib.kernel.d.ts",
  "tools/lite/build.ts",
  "tools/lite/package.json",
  "tools/lite/package-lock.json",
  "tools/lite/requirements.txt",
  "package-lock.json",
];

/**
 * The src/ folder of every workspace package of the course's package.json: those the library imports (fast/,
 * and any added later) are bundled; the others (the notebook runner) only make the cache stricter.
 */
function workspaceSources(): string[] {
  const { workspaces = [] } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    workspaces?: string[];
  };
  return workspaces.map((folder) => `${folder}/src`).filter((src) => existsSync(join(ROOT, src)));
}

function inputsHash(): string {
  const hash = createHash("sha256");
  const add = (path: string): void => {
    if (statSync(path).isDirectory())
      return readdirSync(path)
        .sort()
        .forEach((name) => add(join(path, name)));
    hash.update(`${relative(ROOT, path)}\0`).update(readFileSync(path));
  };
  INPUTS.forEach((input) => add(join(ROOT, input)));
  return hash.digest("hex").slice(0, 16);
}

/** Removes the cache's earlier `prefix`* folders (an old virtual environment, an old extension). */
function removeOld(prefix: string): void {
  if (!existsSync(CACHE)) return;
  for (const name of readdirSync(CACHE).filter((n) => n.startsWith(prefix)))
    rmSync(join(CACHE, name), { recursive: true, force: true });
}

/** The extension's own npm packages (tools/lite/node_modules), installed from the lock file when missing or stale. */
function installTools(log: (line: string) => void): void {
  const lock = createHash("sha256")
    .update(readFileSync(join(LITE, "package-lock.json")))
    .digest("hex");
  const stamp = join(LITE, "node_modules", ".installed-from");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === lock) return;
  log("installing the JupyterLite tools (npm ci in tools/lite)");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--prefix", LITE], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  writeFileSync(stamp, lock);
}

/**
 * A virtual environment with jupyterlite-core (requirements.txt), under node_modules/.cache: made once per
 * version of requirements.txt, with the system's Python 3 (`python3 -m venv`; Debian needs python3-venv).
 */
function pythonEnvironment(log: (line: string) => void): string {
  const requirements = join(LITE, "requirements.txt");
  const stamp = createHash("sha256").update(readFileSync(requirements)).digest("hex").slice(0, 16);
  const venv = join(CACHE, `venv-${stamp}`);
  const python = join(venv, "bin", "python");
  if (existsSync(join(venv, "ready"))) return python;
  log("installing jupyterlite-core from PyPI into a virtual environment (once)");
  removeOld("venv-");
  mkdirSync(CACHE, { recursive: true });
  try {
    execFileSync(findPython(), ["-m", "venv", venv], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    throw new Error(
      `could not make a Python virtual environment (${firstLine(error)}): install Python 3 with venv (Debian: apt-get install python3-venv)`,
    );
  }
  execFileSync(
    python,
    [
      "-m",
      "pip",
      "install",
      "--quiet",
      "--disable-pip-version-check",
      "--no-deps",
      "-r",
      requirements,
    ],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  writeFileSync(join(venv, "ready"), "");
  return python;
}

function findPython(): string {
  for (const candidate of ["python3", "/usr/bin/python3"]) {
    try {
      execFileSync(candidate, ["-c", "import venv, ensurepip"], { stdio: "ignore" });
      return candidate;
    } catch {
      // next
    }
  }
  throw new Error("no Python 3 with venv found (Debian: apt-get install python3-venv)");
}

/** What the worker loads besides its script: tfjs's WebAssembly binaries, the PNG renderer, the charts' fonts. */
function copyAssets(statics: string): void {
  const wasm = dirname(
    require.resolve("@tensorflow/tfjs-backend-wasm/package.json", { paths: [ROOT] }),
  );
  mkdirSync(join(statics, "tfjs"));
  for (const name of readdirSync(join(wasm, "dist")).filter((n) => n.endsWith(".wasm")))
    copyFileSync(join(wasm, "dist", name), join(statics, "tfjs", name));
  mkdirSync(join(statics, "resvg"));
  copyFileSync(
    join(LITE, "node_modules", "@resvg", "resvg-wasm", "index_bg.wasm"),
    join(statics, "resvg", "index_bg.wasm"),
  );
  const fonts = join(
    dirname(require.resolve("dejavu-fonts-ttf/package.json", { paths: [ROOT] })),
    "ttf",
  );
  mkdirSync(join(statics, "fonts"));
  for (const name of ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"])
    copyFileSync(join(fonts, name), join(statics, "fonts", name));
}

/**
 * The federated extension, in <run>/labextension, built from the plugin in <run>/plugin against the JupyterLite
 * app's own package.json, with the kernel's files (<run>/static) beside its scripts.
 */
function buildExtension(python: string, run: string): void {
  copyFileSync(join(LITE, "package.json"), join(run, "package.json")); // its main and outputDir name the run's folders
  const app = execFileSync(
    python,
    ["-c", "import jupyterlite_core.constants as c; print(c.ALL_APP_ARCHIVES[0])"],
    { encoding: "utf8" },
  ).trim();
  const unpacked = mkdtempSync(join(tmpdir(), "lite-app-"));
  try {
    execFileSync("tar", ["-xzf", app, "-C", unpacked, "package/lab/package.json"]);
    const builder = join(
      LITE,
      "node_modules",
      "@jupyter",
      "builder",
      "lib",
      "build-labextension.js",
    );
    quietly(process.execPath, [
      builder,
      "--core-package-file",
      join(unpacked, "package", "lab", "package.json"),
      run,
    ]);
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }
  cpSync(join(run, "static"), join(run, "labextension", "static"), { recursive: true });
}

/** `jupyter lite build`: the app, the extension (found in `extensions`), the notebooks. */
function liteBuild(python: string, extensions: string, options: LiteOptions): void {
  const work = mkdtempSync(join(tmpdir(), "lite-build-"));
  try {
    const contents = join(work, "contents");
    for (const [path, file] of Object.entries(options.contents)) {
      mkdirSync(dirname(join(contents, path)), { recursive: true });
      copyFileSync(file, join(contents, path));
    }
    const config = {
      "jupyter-config-data": {
        appName: options.title,
        defaultKernelName: "tslab",
        exposeAppInBrowser: true,
      },
    };
    writeFileSync(join(work, "jupyter-lite.json"), JSON.stringify(config, null, 2));
    const args = [
      "-m",
      "jupyterlite_core",
      "build",
      "--lite-dir",
      work,
      "--contents",
      contents,
      "--output-dir",
      options.out,
      "--no-sourcemaps",
      "--no-libarchive",
      "--ignore-sys-prefix",
      "--log-level",
      "WARN",
      `--FederatedExtensionAddon.extra_labextensions_path=${extensions}`,
    ];
    quietly(python, args, { cwd: work, env: { ...process.env, SOURCE_DATE_EPOCH: "1700000000" } });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs a build step, its chatter kept to itself unless it fails: then the error says what it printed. */
function quietly(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): void {
  try {
    execFileSync(command, args, { ...options, stdio: "pipe" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`${[command, ...args].join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  return (stderr || (error as Error).message).split("\n")[0];
}
