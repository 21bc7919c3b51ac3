/**
 * Which Jupyter to launch. By default the course's own (./venv.ts): JupyterLab, or Notebook 7, run by the
 * environment's Python. With --system-jupyter or --notebook, one the user has installed: JupyterLab when there,
 * else Notebook (Debian's is classic Notebook 6), found as the `jupyter-lab` / `jupyter-notebook` executables on
 * PATH (that is also how `jupyter lab` finds its subcommand).
 */
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";

export interface JupyterApp {
  kind: "lab" | "notebook";
  /** What the user is told is running, e.g. "JupyterLab 4.6.6". */
  name: string;
  /** Absolute path of the executable, and the arguments that precede Jupyter's own options. */
  command: string;
  args: string[];
  /** Where the lectures folder opens in this app's UI. */
  lecturesPath: string;
}

const APPS: JupyterApp[] = [
  { kind: "lab", name: "JupyterLab", command: "jupyter-lab", args: [], lecturesPath: "lab/tree/lectures" },
  { kind: "notebook", name: "Jupyter Notebook", command: "jupyter-notebook", args: [], lecturesPath: "tree/lectures" },
];

/**
 * The course's own JupyterLab (or Notebook 7), run by the environment's `python` as `python -m jupyterlab`: that
 * keeps working when the course folder is moved, unlike the environment's scripts, whose first line names the
 * Python by its absolute path. It offers only the course's kernel (the environment also holds Python's own
 * kernel, which JupyterLab needs installed but the course does not use).
 */
export function courseJupyter(python: string, kind: JupyterApp["kind"], version: string): JupyterApp {
  const only = ["--KernelSpecManager.allowed_kernelspecs=tslab", "--MappingKernelManager.default_kernel_name=tslab"];
  return kind === "lab"
    ? { kind, name: `JupyterLab ${version}`, command: python, args: ["-m", "jupyterlab", ...only], lecturesPath: "lab/tree/lectures" }
    : { kind, name: `Notebook ${version}`, command: python, args: ["-m", "notebook", ...only], lecturesPath: "tree/lectures" };
}

/** The first app found on PATH, JupyterLab first; `only` restricts the choice to one kind. */
export function findJupyter(env: NodeJS.ProcessEnv = process.env, only?: JupyterApp["kind"]): JupyterApp | undefined {
  for (const app of APPS) {
    if (only && app.kind !== only) continue;
    const command = which(app.command, env);
    if (command) return { ...app, command };
  }
  return undefined;
}

/** The full path of an executable on PATH (with Windows' PATHEXT endings), or undefined. */
export function which(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const endings = process.platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    for (const ending of endings) {
      const path = join(dir, name + ending);
      if (isExecutable(path)) return path;
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The install command for a Jupyter of the user's own: Debian packages classic Notebook (no JupyterLab); elsewhere pip. */
export function installCommand(debian = existsSync("/etc/debian_version"), root = process.getuid?.() === 0): string {
  if (debian) return `${root ? "" : "sudo "}apt-get install jupyter-notebook`;
  return "pip install jupyterlab";
}
