/** Test helpers: the repository root and throwaway projects that reuse its node_modules. */
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const repo = join(__dirname, "..", "..");
export const fixture = (name: string): string => join(__dirname, "fixtures", name);

/** A temporary project (node_modules linked to the repo's) holding copies of the given fixtures. */
export function tempProject(...fixtures: string[]): { root: string; path: (name: string) => string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), "nbmake-ts-test-"));
  symlinkSync(join(repo, "node_modules"), join(root, "node_modules"), "dir");
  for (const name of fixtures) cpSync(fixture(name), join(root, name));
  return { root, path: (name) => join(root, name), remove: () => rmSync(root, { recursive: true, force: true }) };
}
