/**
 * npm 11 runs a dependency's install script only when package.json's `allowScripts` approves it (for now it
 * warns and runs the others; `--strict-allow-scripts`, and later npm itself, refuse them). Every dependency
 * with an install script must be decided, approved or denied, in the course and in the student repository, so
 * that `npm ci` prints no warning today and installs the same way once npm enforces the list. (npm's own
 * view, `npm install-scripts ls` in the installed tree, is a README command: npm run test:docs runs it.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { studentFiles } from "../tools/release/student";

const root = join(__dirname, "..");

interface Lock {
  packages: Record<string, { hasInstallScript?: boolean }>;
}

/** Package names (a lock path's last node_modules/ part) whose lock entry says it has an install script. */
function withInstallScripts(lock: Lock): string[] {
  const names = Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([path]) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length));
  return [...new Set(names)].sort();
}

const allowScripts = (pkg: string) => (JSON.parse(pkg) as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};

describe("allowScripts", () => {
  const pkg = readFileSync(join(root, "package.json"), "utf8");
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as Lock;

  it("decides every dependency that has an install script, and names no other", () => {
    expect(withInstallScripts(lock).length).toBeGreaterThan(0);
    expect(Object.keys(allowScripts(pkg)).sort()).toEqual(withInstallScripts(lock));
  });

  it("approves the kernel's socket library and the GPU packages, whose scripts make them work", () => {
    expect(allowScripts(pkg)).toMatchObject({ zeromq: true, webgpu: true, "@tensorflow/tfjs-node-gpu": true });
  });

  it("is the same in the student repository, whose lock file decides the same packages", () => {
    const files = studentFiles(root, new Map());
    const student = String(files.get("package.json"));
    const studentLock = JSON.parse(String(files.get("package-lock.json"))) as Lock;
    expect(allowScripts(student)).toEqual(allowScripts(pkg));
    expect(withInstallScripts(studentLock).every((name) => name in allowScripts(student))).toBe(true);
  });
});
