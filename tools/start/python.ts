/**
 * The Python that makes the course's Jupyter environment: the one named with --python, else the first of
 * `python3`, `python` (and Windows' `py -3` launcher) on PATH that is Python 3.10 or newer, the oldest the
 * pinned JupyterLab supports. Each candidate is asked for its version by running it: on Windows `python3` may be
 * a shortcut that opens the Microsoft Store instead of a Python.
 */
import { spawnSync } from "node:child_process";
import { which } from "./jupyter";

export const MINIMUM = [3, 10] as const;

export interface Python {
  /** The command and the arguments that precede the script's own, e.g. ["py", "-3"]. */
  command: string[];
  /** sys.executable, e.g. /usr/bin/python3.11. */
  executable: string;
  version: string;
}

/** What the search found: a usable Python, or why none of the candidates will do. */
export type PythonSearch = { python: Python } | { problem: string };

const REPORT = "import json, sys; print(json.dumps({'executable': sys.executable, 'version': '%d.%d.%d' % sys.version_info[:3]}))";

export function findPython(chosen?: string, env: NodeJS.ProcessEnv = process.env): PythonSearch {
  const candidates = chosen ? [[chosen]] : defaultCandidates(env);
  const tooOld: string[] = [];
  for (const command of candidates) {
    const python = ask(command, env);
    if (!python) continue;
    if (isRecentEnough(python.version)) return { python };
    tooOld.push(`${python.executable} is ${python.version}`);
  }
  const wanted = `Python ${MINIMUM.join(".")} or newer`;
  if (chosen && tooOld.length === 0) return { problem: `--python ${chosen} does not run as a Python (${wanted} is needed)` };
  const found = tooOld.length > 0 ? ` (${tooOld.join("; ")})` : " on PATH";
  return { problem: `no ${wanted}${found}` };
}

export function isRecentEnough(version: string): boolean {
  const [major, minor] = version.split(".").map(Number);
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}

function defaultCandidates(env: NodeJS.ProcessEnv): string[][] {
  const names = process.platform === "win32" ? [["py", "-3"], ["python"], ["python3"]] : [["python3"], ["python"]];
  return names.filter(([name]) => which(name, env) !== undefined);
}

function ask([command, ...args]: string[], env: NodeJS.ProcessEnv): Python | undefined {
  const result = spawnSync(command, [...args, "-c", REPORT], { env, encoding: "utf8", timeout: 30_000 });
  if (result.status !== 0) return undefined;
  try {
    const { executable, version } = JSON.parse(result.stdout) as { executable: string; version: string };
    return { command: [command, ...args], executable, version };
  } catch {
    return undefined;
  }
}
