/**
 * Which Jupyter to launch: JupyterLab when installed, else classic Notebook. Both come as `jupyter-lab` /
 * `jupyter-notebook` executables on PATH (that is also how `jupyter lab` finds its subcommand).
 */
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";

export interface JupyterApp {
  kind: "lab" | "notebook";
  /** Absolute path of the executable. */
  command: string;
  /** Where the lectures folder opens in this app's UI. */
  lecturesPath: string;
}

const APPS: JupyterApp[] = [
  { kind: "lab", command: "jupyter-lab", lecturesPath: "lab/tree/lectures" },
  { kind: "notebook", command: "jupyter-notebook", lecturesPath: "tree/lectures" },
];

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

/** The install command for this system: Debian packages classic Notebook (no JupyterLab); elsewhere pip. */
export function installCommand(debian = existsSync("/etc/debian_version"), root = process.getuid?.() === 0): string {
  if (debian) return `${root ? "" : "sudo "}apt-get install jupyter-notebook`;
  return "pip install jupyterlab";
}
