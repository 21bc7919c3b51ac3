/**
 * runChecks in the browser (tools/lite/src/run-checks.ts) grades in the kernel rather than in a sandboxed
 * child process; its report must be the one `npm run check` prints. Run here, in Node, on the exercise as
 * released, on the solution, and on a module with an endless loop, against the command itself.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_TIMEOUT_MS as CHECK_TIMEOUT_MS } from "../tools/check/check";
import { DEFAULT_TIMEOUT_MS, checkFolder } from "../tools/lite/src/run-checks";

const ROOT = join(__dirname, "..");
const scratch = mkdtempSync(join(ROOT, "node_modules", ".cache", "lite-checks-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An exercises folder holding exercise 1 with `source` as its lookback.ts (cases.ts finds the autograder's core). */
function withModule(name: string, source: string): string {
  const exercises = join(scratch, name, "exercises");
  cpSync(join(ROOT, "exercises", "ex01-lookback"), join(exercises, "ex01-lookback"), {
    recursive: true,
  });
  symlinkSync(join(ROOT, "autograder"), join(scratch, name, "autograder"));
  writeFileSync(join(exercises, "ex01-lookback", "lookback.ts"), source);
  return exercises;
}

/** What `npm run check ex01 -- --dir <dir> --timeout 500ms` prints. */
async function npmRunCheck(dir: string): Promise<string> {
  const args = [
    join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
    "tools/check/cli.ts",
    "ex01",
    "--dir",
    dir,
    "--timeout",
    "500ms",
  ];
  try {
    return (await promisify(execFile)(process.execPath, args, { cwd: ROOT })).stdout.trimEnd();
  } catch (error) {
    const { code, stdout } = error as { code?: number; stdout?: string };
    if (code === 1 && stdout) return stdout.trimEnd(); // some cases failed
    throw error;
  }
}

describe("runChecks in the browser kernel", () => {
  it("has npm run check's time limit", () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(CHECK_TIMEOUT_MS);
  });

  it("reports what npm run check reports: the stub, the solution, an endless loop", async () => {
    const solution = readFileSync(join(ROOT, "solutions", "ex01-lookback", "lookback.ts"), "utf8");
    const looping =
      "export function countPairs(n: number): number {\n  while (n > 0) n += 0;\n  return n;\n}\n";
    const folders = [
      join(ROOT, "exercises"),
      withModule("solved", solution),
      withModule("looping", looping),
    ];
    const expected = await Promise.all(folders.map(npmRunCheck));
    const got = folders.map((dir) => checkFolder(join(dir, "ex01-lookback"), 500).text);
    expect(got).toEqual(expected);
    expect(got[1]).toContain("7/7 points, all passed");
    expect(got[2]).toContain("countPairs was not called again");
  });
});
