/**
 * What the real-browser tests need from the system: Debian's Chromium, classic Jupyter Notebook and nbconvert
 * (`apt-get install chromium jupyter-notebook python3-nbconvert`, which CI's .ci/run does), and for JupyterLab
 * and Notebook 7 a Python that npm start can make the course's environment with (and PyPI, or that
 * environment already made). Missing pieces skip the tests loudly on a developer's machine and fail them in CI
 * (CI=true), so CI never passes without running them.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findPython } from "../../tools/start/python";

export const CHROMIUM = "/usr/bin/chromium";
export const JUPYTER_NOTEBOOK = "/usr/bin/jupyter-notebook";
/** Debian's Python, which has nbconvert (it comes with jupyter-notebook). */
export const PYTHON = "/usr/bin/python3";

/** Plain-words descriptions of what is missing (empty when everything is there). */
export function missingPieces(files: string[] = [], { coursePython = false } = {}): string[] {
  const missing: string[] = [];
  const python = coursePython ? findPython() : undefined;
  if (python && "problem" in python) missing.push(`a Python to make the course's environment with: ${python.problem}`);
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (apt-get install chromium)`);
  if (!existsSync(JUPYTER_NOTEBOOK)) missing.push(`${JUPYTER_NOTEBOOK} (apt-get install jupyter-notebook)`);
  if (spawnSync(PYTHON, ["-c", "import nbconvert"]).status !== 0) missing.push(`nbconvert for ${PYTHON} (apt-get install python3-nbconvert)`);
  if (!canResolve("playwright-core")) missing.push("playwright-core (npm ci)");
  for (const file of files) if (!existsSync(file)) missing.push(file);
  return missing;
}

export const inCI = (): boolean => process.env.CI === "true";

/** Prints a banner that cannot be missed when something is missing. */
export function warnIfMissing(missing: string[]): void {
  if (missing.length === 0) return;
  const line = "=".repeat(72);
  const outcome = inCI() ? "FAIL (CI=true)" : "are SKIPPED (in CI, with CI=true, they fail)";
  console.warn(`\n${line}\n  BROWSER TESTS ${outcome}: missing\n${missing.map((m) => `    - ${m}`).join("\n")}\n${line}\n`);
}

function canResolve(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}
