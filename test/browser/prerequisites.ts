/**
 * What the real-browser tests need from the system: Debian's Chromium and classic Jupyter Notebook
 * (`apt-get install chromium jupyter-notebook`, which CI's .ci/run does). Missing pieces skip the tests
 * loudly on a developer's machine and fail them in CI (CI=true), so CI never passes without running them.
 */
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";
export const JUPYTER_NOTEBOOK = "/usr/bin/jupyter-notebook";

/** Plain-words descriptions of what is missing (empty when everything is there). */
export function missingPieces(files: string[] = []): string[] {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (apt-get install chromium)`);
  if (!existsSync(JUPYTER_NOTEBOOK)) missing.push(`${JUPYTER_NOTEBOOK} (apt-get install jupyter-notebook)`);
  if (!canResolve("playwright-core")) missing.push("playwright-core (npm ci)");
  for (const file of files) if (!existsSync(file)) missing.push(file);
  return missing;
}

export const inCI = (): boolean => process.env.CI === "true";

/** True when the tests should be skipped; warns with a banner that cannot be missed. */
export function skipBecauseMissing(missing: string[]): boolean {
  if (missing.length === 0 || inCI()) return false;
  const line = "=".repeat(72);
  console.warn(`\n${line}\n  BROWSER TESTS SKIPPED: missing\n${missing.map((m) => `    - ${m}`).join("\n")}\n  (in CI, with CI=true, they fail instead)\n${line}\n`);
  return true;
}

function canResolve(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}
