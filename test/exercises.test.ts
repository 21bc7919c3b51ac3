import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Case, Meta, rng } from "../autograder/core";
import { checkExercise } from "../tools/check/check";
import { loadTs } from "../tools/check/exercise";
import { formatReport } from "../tools/check/report";
import { buildExercises } from "../tools/release/exercises";
import { listFiles } from "../tools/release/write";
import { MARKER } from "../tools/output-folder";
import { runCommand } from "./run-command";

const root = join(__dirname, "..");
const names = readdirSync(join(root, "solutions")).filter((n) => /^ex\d+-/.test(n)).sort();

describe("exercises", () => {
  it("has at least 8 exercises, each with a module, public and hidden cases, a notebook and points", () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) {
      const meta = JSON.parse(readFileSync(join(root, "solutions", name, "meta.json"), "utf8")) as Meta;
      expect(meta.id).toBe(name);
      const files = readdirSync(join(root, "solutions", name));
      expect(files).toEqual(expect.arrayContaining([`${meta.module}.ts`, "cases.ts", "hidden.ts", `${name}.ipynb`]));
      const { cases } = loadTs<{ cases: Case[] }>(join(root, "solutions", name, "cases.ts"));
      const { hidden } = loadTs<{ hidden: Case[] }>(join(root, "solutions", name, "hidden.ts"));
      expect(cases.length).toBeGreaterThan(0);
      expect(hidden.length).toBeGreaterThan(0);
      const ids = [...cases, ...hidden].map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const c of [...cases, ...hidden]) expect(meta.functions).toContain(c.fn);
    }
  });

  it("committed exercises/ is what `npm run release` makes from solutions/ (run it if this fails)", () => {
    const built = buildExercises(root);
    const onDisk = listFiles(join(root, "exercises")).filter((p) => !p.includes(".ipynb_checkpoints") && p !== MARKER).sort();
    expect(onDisk).toEqual([...built.keys()].sort());
    for (const [path, text] of built) expect(readFileSync(join(root, "exercises", path), "utf8"), path).toBe(text);
  });

  it.each(names)("%s: the solution passes its public, hidden and freshly drawn cases", async (name) => {
    const folder = join(root, "solutions", name);
    const { cases } = loadTs<{ cases: Case[] }>(join(folder, "cases.ts"));
    const { hidden, draw } = loadTs<{ hidden: Case[]; draw?: (r: () => number) => Case[] }>(join(folder, "hidden.ts"));
    // Hidden and drawn cases within the grader's own time limit (10 s; the check's is 2 s).
    const report = await checkExercise(folder, { cases: [...cases, ...hidden, ...(draw?.(rng(2024)) ?? [])], timeoutMs: 10_000 });
    expect(report.outcomes.filter((o) => !o.passed), formatReport(report)).toEqual([]);
  });

  it.each(names)("%s: the released stub fails every public case with the not-implemented message", async (name) => {
    const report = await checkExercise(join(root, "exercises", name));
    for (const o of report.outcomes) {
      expect(o.passed).toBe(false);
      expect(o.message).toMatch(new RegExp(`not implemented: ${name}\\.\\w+`));
    }
  });
});

describe("npm run check on a student's mistakes", () => {
  const scratch = mkdtempSync(join(tmpdir(), "check-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** A copy of the released ex01 whose lookback.ts is `source` (or missing when undefined). */
  function studentExercise(label: string, source: string | undefined) {
    const folder = join(scratch, label, "ex01-lookback");
    cpSync(join(root, "exercises", "ex01-lookback"), folder, { recursive: true });
    const cases = readFileSync(join(folder, "cases.ts"), "utf8").replace("../../autograder/core", join(root, "autograder", "core"));
    writeFileSync(join(folder, "cases.ts"), cases);
    if (source === undefined) rmSync(join(folder, "lookback.ts"));
    else writeFileSync(join(folder, "lookback.ts"), source);
    return folder;
  }

  const good = readFileSync(join(root, "solutions", "ex01-lookback", "lookback.ts"), "utf8");

  it.each([
    ["thrown error", good.replace("return Math.max(0, n - lookback - horizon + 1);", 'throw new Error("oops");'), "countPairs threw Error: oops"],
    ["wrong shape", good.replace("series.slice(t + lookback, t + lookback + horizon)", "series.slice(t + lookback, t + lookback + 1)"), "wrong shape at .targets[0]: expected [2], got [1]"],
    ["NaN", good.replace("Math.max(0, n - lookback - horizon + 1)", "NaN"), "got NaN"],
    ["wrong export name", good.replace("export function countPairs", "export function countPair"), 'no exported function "countPairs" (it exports: countPair, lookbackPairs)'],
    ["missing file", undefined, "lookback.ts is missing"],
    ["syntax error", good + "\nexport function broken( {", "could not be loaded"],
    ["library import", 'import { historyWindows } from "rnn-course";\n' + good, "imports historyWindows from rnn-course"],
    ["process.exit", good.replace("return Math.max(0, n - lookback - horizon + 1);", "process.exit(3);"), "crashed"],
  ])("%s: every case is reported in words, the check does not crash", async (label, source, message) => {
    const report = await checkExercise(studentExercise(label, source));
    expect(report.outcomes).toHaveLength(5);
    expect(report.outcomes.some((o) => o.message.includes(message)), formatReport(report)).toBe(true);
    expect(report.outcomes.some((o) => !o.passed)).toBe(true);
  });

  it("an endless loop times out that function's first case, is not called again, and the other functions' cases still pass", async () => {
    const source = good.replace("return Math.max(0, n - lookback - horizon + 1);", "while (n > 0) n += 0;\n  return 0;");
    const report = await checkExercise(studentExercise("loop", source), { timeoutMs: 1500 });
    const byId = Object.fromEntries(report.outcomes.map((o) => [o.id, o]));
    expect(byId["count-lecture"].message).toContain("countPairs did not finish within 1.5 s: is there a loop that never ends?");
    expect(byId["count-too-short"].message).toContain("countPairs was not called again: it did not finish within 1.5 s on count-lecture");
    expect(byId["pairs-lecture-sinusoid"].passed).toBe(true);
    expect(byId["pairs-empty"].passed).toBe(true);
  });

  it("npm run check: a loop in a helper every function calls costs one time limit per function, 2 s by default", async () => {
    const source = good.replace("export function countPairs", "function spin(): never {\n  for (;;) {}\n}\n\nexport function countPairs").replace(/\{\n(\s+)\/\/ BEGIN SOLUTION/g, "{\n$1spin();\n$1// BEGIN SOLUTION");
    const folder = studentExercise("loop-everywhere", source);
    expect(source.match(/spin\(\);/g)?.length).toBeGreaterThanOrEqual(2);
    const run = await runCommand(process.execPath, [join(root, "node_modules", ".bin", "tsx"), "tools/check/cli.ts", "--dir", join(folder, ".."), "ex01"], { cwd: root, timeout: 120_000 });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout.match(/did not finish within 2 s: is there a loop that never ends\?/g)).toHaveLength(2); // countPairs, lookbackPairs
    expect(run.stdout.match(/was not called again: it did not finish within 2 s on/g)).toHaveLength(3);
  });
});
