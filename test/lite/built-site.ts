/**
 * The site under test: `LITE_SITE=<folder>` names one built by `npm run site` (CI builds it just before), else
 * the tests build a fresh one into a temporary folder. And what the tests need from the machine: Debian's
 * Chromium, playwright-core, and Python 3 with venv for `jupyter lite build`; missing, the tests are skipped
 * with a warning, and in CI (CI=true) they fail instead.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CHROMIUM } from "./jupyterlite";

export const ROOT = join(__dirname, "..", "..");

export function missingPieces(): string[] {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (apt-get install chromium)`);
  if (spawnSync("node", ["-e", "require.resolve('playwright-core')"], { cwd: ROOT }).status !== 0)
    missing.push("playwright-core (npm ci)");
  const python = ["python3", "/usr/bin/python3"].some(
    (p) => spawnSync(p, ["-c", "import venv, ensurepip"]).status === 0,
  );
  if (!process.env.LITE_SITE && !python)
    missing.push("Python 3 with venv, to build JupyterLite (apt-get install python3-venv)");
  return missing;
}

export const inCI = (): boolean => process.env.CI === "true";

export function warnIfMissing(missing: string[]): void {
  if (missing.length === 0) return;
  const line = "=".repeat(72);
  const outcome = inCI() ? "FAIL (CI=true)" : "are SKIPPED (in CI, with CI=true, they fail)";
  console.warn(
    `\n${line}\n  JUPYTERLITE TESTS ${outcome}: missing\n${missing.map((m) => `    - ${m}`).join("\n")}\n${line}\n`,
  );
}

/** The folder of a built site (with lite/ in it), and how to clean up after. */
export function builtSite(): { folder: string; dispose(): void } {
  if (process.env.LITE_SITE) {
    const folder = resolve(ROOT, process.env.LITE_SITE);
    if (!existsSync(join(folder, "lite", "jupyter-lite.json")))
      throw new Error(
        `LITE_SITE=${process.env.LITE_SITE} holds no JupyterLite (build it with npm run site)`,
      );
    return { folder, dispose: () => {} };
  }
  const folder = mkdtempSync(join(tmpdir(), "course-site-"));
  rmSync(folder, { recursive: true });
  execFileSync("npm", ["run", "site", "--", "--out", folder], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { folder, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}
