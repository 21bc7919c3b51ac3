/**
 * The course's own Python environment, `.course/python`: a venv holding JupyterLab 4 and Notebook 7 at the
 * versions, and with the hashes, that requirements.txt pins (see requirements.in for how it is made).
 *
 * `npm start` makes it once, with the user's consent, and reuses it afterwards. A record written into it
 * (course-environment.json) says which requirements.txt it was made from and whether the install finished;
 * with it, `npm start` tells an environment that is out of date (requirements.txt changed since, e.g. after a
 * `git pull`) or broken (the install was interrupted, its Python was removed or upgraded) from one it can use,
 * and makes such an environment again. A `.course/python` without that record is not `npm start`'s and is
 * never removed.
 *
 * Nothing is written outside the project: pip keeps no cache (--no-cache-dir) and no version-check file, its
 * temporary files go to `.course/tmp`, and it installs wheels only (--only-binary), so nothing is compiled.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { courseDir } from "./environment";
import type { Python } from "./python";

export const venvDir = (root: string): string => join(courseDir(root), "python");
export const requirementsFile = (root: string): string => join(root, "tools", "start", "requirements.txt");
const RECORD = "course-environment.json";

/** Measured on Linux with Python 3.11 (92 wheels: 52 MB; installed: 213 MB); other systems differ a little. */
export const DOWNLOAD_MB = 50;
export const DISK_MB = 220;

export interface Versions {
  jupyterlab: string;
  notebook: string;
}

interface MadeRecord extends Versions {
  /** sha256 of the requirements.txt it was made from. */
  requirements: string;
  python: string;
  finished: boolean;
}

export type VenvState =
  | { state: "ready"; python: string; versions: Versions }
  | { state: "missing" }
  | { state: "outdated" | "broken" | "foreign"; reason: string };

/** The environment's Python (Windows keeps it in Scripts\). */
export function venvPython(dir: string, platform: NodeJS.Platform = process.platform): string {
  return platform === "win32" ? join(dir, "Scripts", "python.exe") : join(dir, "bin", "python");
}

/** The JupyterLab and Notebook versions that requirements.txt pins. */
export function pinnedVersions(requirements: string): Versions {
  const pin = (name: string) => new RegExp(`^${name}==(\\S+)`, "m").exec(requirements)?.[1];
  const [jupyterlab, notebook] = [pin("jupyterlab"), pin("notebook")];
  if (!jupyterlab || !notebook) throw new Error("requirements.txt pins no jupyterlab or no notebook version");
  return { jupyterlab, notebook };
}

/** What `.course/python` is now, without changing anything. */
export function inspectVenv(root: string): VenvState {
  const dir = venvDir(root);
  if (!existsSync(dir)) return { state: "missing" };
  const record = readRecord(dir);
  if (!record) return { state: "foreign", reason: `${dir} holds files that npm start did not put there` };
  if (!record.finished) return { state: "broken", reason: "its installation did not finish" };
  const requirements = readFileSync(requirementsFile(root), "utf8");
  const wanted = pinnedVersions(requirements);
  if (record.requirements !== sha256(requirements)) {
    const change = record.jupyterlab === wanted.jupyterlab ? "" : ` (JupyterLab ${record.jupyterlab} then, ${wanted.jupyterlab} now)`;
    return { state: "outdated", reason: `it was made from an earlier ${relative(root, requirementsFile(root))}${change}` };
  }
  const python = venvPython(dir);
  const installed = installedVersions(python);
  if (typeof installed === "string") return { state: "broken", reason: installed };
  if (installed.jupyterlab !== wanted.jupyterlab || installed.notebook !== wanted.notebook) {
    return { state: "broken", reason: `it holds JupyterLab ${installed.jupyterlab} and Notebook ${installed.notebook}, not the pinned ones` };
  }
  return { state: "ready", python, versions: installed };
}

/**
 * Makes `.course/python` with `python` and installs requirements.txt into it, replacing an environment of
 * npm start's own that is there. Throws, leaving no environment behind, when a step fails.
 */
export function makeVenv(root: string, python: Python, { quiet = false } = {}): Versions {
  const dir = venvDir(root);
  const requirements = readFileSync(requirementsFile(root), "utf8");
  const wanted = pinnedVersions(requirements);
  const record: MadeRecord = { ...wanted, requirements: sha256(requirements), python: python.version, finished: false };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeRecord(dir, record);
  const tmp = join(courseDir(root), "tmp");
  mkdirSync(tmp, { recursive: true });
  try {
    const [command, ...args] = python.command;
    run(command, [...args, "-m", "venv", dir], process.env, { explain: venvHint });
    const pip = ["-m", "pip", "install", "--require-hashes", "--only-binary", ":all:", "--no-cache-dir", "--disable-pip-version-check", "--no-input"];
    if (quiet) pip.push("--quiet");
    const env = { ...process.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp, PYTHONNOUSERSITE: "1" };
    run(venvPython(dir), [...pip, "-r", requirementsFile(root)], env);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  writeRecord(dir, { ...record, finished: true });
  return wanted;
}

/** Megabytes under `dir` (the environment's size on disk, as reported after making it). */
export function sizeMB(dir: string): number {
  let bytes = 0;
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) bytes += statSync(full).size;
    }
  };
  walk(dir);
  return Math.round(bytes / 2 ** 20);
}

/**
 * Runs a step with its output on the terminal as it comes (pip's progress). With `explain`, its error output is
 * also kept, and what `explain` makes of it is added to the error.
 */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, { explain }: { explain?: (errors: string) => string } = {}): void {
  const result = spawnSync(command, args, { env, stdio: ["ignore", "inherit", explain ? "pipe" : "inherit"], encoding: "utf8" });
  if (result.stderr) process.stderr.write(result.stderr);
  if (result.status === 0) return;
  const how = result.error ? result.error.message : result.signal ? `stopped by ${result.signal}` : `exit code ${result.status}`;
  throw new Error(`\`${[command, ...args].join(" ")}\` failed (${how}).${explain?.(result.stderr ?? "") ?? ""}`);
}

/** Debian and Ubuntu split venv's pip bootstrap (ensurepip) into a package of its own. */
function venvHint(output: string): string {
  return /ensurepip/.test(output) ? " On Debian and Ubuntu, venv needs: sudo apt-get install python3-venv" : "";
}

const CHECK = "import json; from importlib.metadata import version; print(json.dumps({'jupyterlab': version('jupyterlab'), 'notebook': version('notebook')}))";

/** The versions installed in the environment, or why they cannot be read (its Python is gone or fails). */
function installedVersions(python: string): Versions | string {
  if (!existsSync(python)) return `its Python (${python}) is gone`;
  const result = spawnSync(python, ["-c", CHECK], { encoding: "utf8", timeout: 60_000 });
  if (result.status === 0) {
    try {
      return JSON.parse(result.stdout) as Versions;
    } catch {
      // reported below
    }
  }
  const last = (result.stderr ?? "").trim().split("\n").pop() || result.error?.message || `exit code ${result.status}`;
  return `its Python cannot load JupyterLab (${last})`;
}

function readRecord(dir: string): MadeRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, RECORD), "utf8")) as MadeRecord;
  } catch {
    return undefined;
  }
}

function writeRecord(dir: string, record: MadeRecord): void {
  writeFileSync(join(dir, RECORD), JSON.stringify(record, null, 2) + "\n");
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
