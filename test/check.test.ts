/**
 * `npm run check` runs a student's module the way the autograder grades it (autograder/grade.ts and its
 * sandbox): what the grader refuses, the check refuses too, with the same words. Each submission here is a
 * copy of the released ex01 whose module reaches for what the exercise forbids, in a way the check's old
 * text rule and plain child process let through.
 */
import { ChildProcess, execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkExercise } from "../tools/check/check";
import { formatReport } from "../tools/check/report";

const root = join(__dirname, "..");
const scratch = mkdtempSync(join(tmpdir(), "check-hostile-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const solution = join(root, "solutions", "ex01-lookback", "lookback.ts");
const honest = readFileSync(solution, "utf8");
/** The body of lookbackPairs's loop, which the attacks below replace. */
const loop = /const pairs: Pairs = [^]*?return pairs;/;

/** A copy of the released ex01 (in `<scratch>/<label>/`) with `files` written into the exercise's folder. */
function studentExercise(label: string, files: Record<string, string>): string {
  const folder = join(scratch, label, "ex01-lookback");
  cpSync(join(root, "exercises", "ex01-lookback"), folder, { recursive: true });
  const cases = readFileSync(join(folder, "cases.ts"), "utf8").replace("../../autograder/core", join(root, "autograder", "core"));
  writeFileSync(join(folder, "cases.ts"), cases);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

const byId = (report: Awaited<ReturnType<typeof checkExercise>>) => Object.fromEntries(report.outcomes.map((o) => [o.id, o]));

describe("npm run check on a module that reaches for the library or the solution", () => {
  it("a library function re-exported by a helper file fails the cases that use it, by name", async () => {
    const module = 'import { historyWindows } from "./helper";\n' + honest.replace(loop, "return historyWindows(series, lookback) as unknown as Pairs;");
    const report = await checkExercise(studentExercise("reexport", { "lookback.ts": module, "helper.ts": 'export { historyWindows } from "rnn-course";\n' }));
    const outcomes = byId(report);
    expect(outcomes["count-lecture"].passed, formatReport(report)).toBe(true);
    expect(outcomes["pairs-lecture-sinusoid"].passed).toBe(false);
    expect(outcomes["pairs-lecture-sinusoid"].problem).toContain("historyWindows comes from the course library (rnn-course): this exercise is about writing that yourself");
  });

  it("a relative import into the library's src/ is refused as the module loads", async () => {
    const module = 'import { historyWindows } from "../../src/data/windows";\n' + honest.replace(loop, "return historyWindows(series, lookback) as unknown as Pairs;");
    const report = await checkExercise(studentExercise("relative", { "lookback.ts": module }));
    for (const outcome of report.outcomes) {
      expect(outcome.passed).toBe(false);
      expect(outcome.problem, formatReport(report)).toContain("../../src/data/windows is part of the course library (rnn-course): this exercise may use only NotImplementedError, sinusoid from it");
    }
  });

  it("the library's own packages are the library too: importing its contract is refused as the module loads", async () => {
    const module = 'import { check } from "rnn-course-contract";\n' + honest.replace(loop, (body) => `check(true, "lookback", "a number", lookback);\n${body}`);
    const report = await checkExercise(studentExercise("contract", { "lookback.ts": module }));
    for (const outcome of report.outcomes) {
      expect(outcome.passed).toBe(false);
      expect(outcome.problem, formatReport(report)).toContain("rnn-course-contract is part of the course library (rnn-course): this exercise may use only NotImplementedError, sinusoid from it");
    }
  });

  it("reading the solution's file while running fails with what checked code may read", async () => {
    const module = honest.replace("return Math.max(0, n - lookback - horizon + 1);", `return require("node:fs").readFileSync(${JSON.stringify(solution)}, "utf8").length;`);
    const report = await checkExercise(studentExercise("read", { "lookback.ts": module }));
    const outcome = byId(report)["count-lecture"];
    expect(outcome.passed).toBe(false);
    expect(outcome.problem, formatReport(report)).toContain("Access to this API has been restricted");
    expect(outcome.problem).toContain("may read only the exercises and the course library");
  });

  it("a module linked to the solution is not followed: every case fails, the link is named, exit 1", async () => {
    const folder = studentExercise("link", {});
    rmSync(join(folder, "lookback.ts"));
    symlinkSync(solution, join(folder, "lookback.ts"));
    const { code, stdout, stderr } = await check(["--dir", join(scratch, "link"), "ex01"]);
    expect(code, stdout + stderr).toBe(1);
    expect(stdout).toContain("ex01-lookback: 0/7 points, 0 of 5 cases passed");
    expect(stdout).toContain(`lookback.ts is a symbolic link to ${solution}, outside the submission: the grader does not follow it`);
    expect(stderr).toContain(`not graded: ex01-lookback/lookback.ts (a symbolic link to ${solution}, outside the submission)`);
  });
});

describe("npm run check on an exercise folder the grader would not find", () => {
  it("a renamed folder fails every case, naming the folder the grader looks for", async () => {
    const folder = join(scratch, "renamed", "ex01-windows");
    cpSync(studentExercise("renamed-source", { "lookback.ts": honest }), folder, { recursive: true });
    const report = await checkExercise(folder);
    for (const outcome of report.outcomes) {
      expect(outcome.passed).toBe(false);
      expect(outcome.problem).toBe("the folder ex01-windows/ should be named ex01-lookback/ (as its meta.json says): the grader looks for ex01-lookback/lookback.ts");
    }
  });
});

/** `npm run check -- args` as a student runs it. */
function check(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child: ChildProcess = execFile(process.execPath, [join(root, "node_modules", ".bin", "tsx"), "tools/check/cli.ts", ...args], { cwd: root }, (_, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}
