import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeSubmission, type GradeOptions } from "../autograder/grade";
import type { Bundle } from "../autograder/references/bundle";
import { buildBundle } from "../autograder/references/build";
import { withDrawnCases } from "../autograder/references/draw";
import { isolationFor } from "../autograder/sandbox/isolation";
import { mutations } from "./autograder/fixtures/wrong";

const root = join(__dirname, "..");
let options: GradeOptions;
let bundle: Bundle;
const scratch = mkdtempSync(join(tmpdir(), "autograder-grade-"));

beforeAll(async () => {
  const isolation = await isolationFor("auto");
  options = { root, caseTimeoutMs: 10_000, memoryMb: 1024, submissionTimeoutMs: 120_000, jobs: 2, isolation };
  bundle = await buildBundle(root, undefined, isolation);
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The bundle reduced to the named exercises. */
const only = (...ids: string[]): Bundle => ({ ...bundle, exercises: bundle.exercises.filter((e) => ids.includes(e.meta.id)) });

/** A submission folder holding the given exercise folders, each a solution copy, then `files` written over. */
function submission(name: string, copies: string[], files: Record<string, string> = {}): string {
  const folder = join(scratch, name, "exercises");
  for (const id of copies) cpSync(join(root, "solutions", id), join(folder, id), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, ".."), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return join(scratch, name);
}

describe("grading the course's exercises", () => {
  it("builds public and hidden references for every exercise", () => {
    expect(bundle.exercises.length).toBeGreaterThan(0);
    for (const exercise of bundle.exercises) {
      expect(exercise.cases.some((c) => c.hidden)).toBe(true);
      expect(exercise.cases.every((c) => c.expected !== undefined)).toBe(true);
    }
  });

  it("gives the solutions 100%", async () => {
    const result = await gradeSubmission(join(root, "solutions"), bundle, options);
    const failed = result.exercises.flatMap((e) => e.outcomes.filter((o) => !o.passed).map((o) => `${e.id}/${o.id}: ${o.message}`));
    expect(failed).toEqual([]);
    expect(result.score).toBe(result.maxScore);
  });

  it("gives the released stubs 0, saying what is not implemented on public cases only", async () => {
    const result = await gradeSubmission(join(root, "exercises"), bundle, options);
    expect(result.score).toBe(0);
    const outcomes = result.exercises.flatMap((e) => e.outcomes);
    for (const o of outcomes.filter((o) => !o.hidden)) expect(o.message).toMatch(/not implemented yet/);
    for (const o of outcomes.filter((o) => o.hidden)) {
      expect(o.message).toBe("failed");
      // A neutral id for students; the instructor's report keeps the real one and the real feedback.
      expect(o.id).toMatch(/^hidden-\d+$/);
      expect(o.instructor?.message).toMatch(/not implemented yet/);
    }
  });

  for (const mutation of mutations) {
    it(`takes exactly the failing cases' points for a seeded bug: ${mutation.name}`, async () => {
      const path = join(mutation.exercise, mutation.file);
      const source = readFileSync(join(root, "solutions", path), "utf8");
      expect(source).toContain(mutation.from);
      const folder = submission(mutation.exercise + "-wrong", [mutation.exercise], { [path]: source.replace(mutation.from, mutation.to) });
      const result = await gradeSubmission(folder, only(mutation.exercise), options);
      const [exercise] = result.exercises;
      const caseId = (o: (typeof exercise.outcomes)[number]) => o.instructor?.id ?? o.id;
      expect(exercise.outcomes.filter((o) => !o.passed).map(caseId)).toEqual(mutation.fails);
      const lost = exercise.outcomes.filter((o) => mutation.fails.includes(caseId(o))).reduce((sum, o) => sum + o.maxPoints, 0);
      expect(result.score).toBe(result.maxScore - lost);
    });
  }

  it("grades the other exercises when one crashes, hangs or exits", async () => {
    // One case hangs (the others throw at once), so one time limit is waited out.
    const hostile = [
      "export function countPairs(): number { process.exit(0); }",
      "export function lookbackPairs(series: number[], lookback: number, horizon: number): never {",
      "  if (series.length === 6 && horizon === 2) for (;;) {}",
      '  throw new Error("no pairs");',
      "}",
    ].join("\n");
    const folder = submission("hostile", ["ex05-rnn-cell"], { "ex01-lookback/lookback.ts": hostile });
    const result = await gradeSubmission(folder, only("ex01-lookback", "ex05-rnn-cell"), { ...options, caseTimeoutMs: 1000 });
    const [lookback, rnn] = result.exercises;
    expect(lookback.points).toBe(0);
    expect(lookback.outcomes.find((o) => o.id === "count-lecture")?.message).toMatch(/countPairs crashed: the process exited with code 0/);
    expect(lookback.outcomes.find((o) => o.id === "pairs-horizon-2")?.message).toMatch(/did not finish within 1 s/);
    expect(rnn.points).toBe(rnn.maxPoints);
  });

  it("fails a module that is missing or uses what the exercise forbids, with the reason", async () => {
    const folder = submission("refused", [], { "ex05-rnn-cell/rnn-cell.ts": 'import { Module } from "rnn-course";\nexport const rnnCell = () => Module;\n' });
    const result = await gradeSubmission(folder, only("ex01-lookback", "ex05-rnn-cell"), options);
    expect(result.score).toBe(0);
    expect(result.exercises[0].outcomes[0].message).toMatch(/lookback\.ts is missing from ex01-lookback/);
    expect(result.exercises[1].outcomes[0].message).toMatch(/Module comes from the course library \(rnn-course\): this exercise is about writing that yourself/);
  });

  it("refuses to build a reference that is NaN unless its case expects NaN; one that does is matched only by NaN", async () => {
    const folder = join(scratch, "nan-solutions");
    const write = (expectsNaN: boolean) => {
      mkdirSync(join(folder, "ex00-ratio"), { recursive: true });
      writeFileSync(join(folder, "ex00-ratio", "meta.json"), JSON.stringify({ id: "ex00-ratio", title: "0/0", module: "ratio", functions: ["ratio"], lecture: "none", libraryImports: [] }));
      writeFileSync(join(folder, "ex00-ratio", "ratio.ts"), "export const ratio = (a: number, b: number) => a / b;\n");
      writeFileSync(join(folder, "ex00-ratio", "cases.ts"), `export const cases = [{ id: "zero-over-zero", fn: "ratio", args: [0, 0], points: 1${expectsNaN ? ", expectsNaN: true" : ""} }];\n`);
    };
    write(false);
    await expect(buildBundle(root, folder, options.isolation)).rejects.toThrow(/ex00-ratio: the solution answers case "zero-over-zero" with NaN, which no answer can match/);
    write(true);
    const nanBundle = await buildBundle(root, folder, options.isolation);
    expect((await gradeSubmission(folder, nanBundle, options)).score).toBe(1);
    const zero = submission("ratio-zero", [], { "ex00-ratio/ratio.ts": "export const ratio = () => 0;\n" });
    expect((await gradeSubmission(zero, nanBundle, options)).score).toBe(0);
  });

  it("keeps no compiled copy of a graded submission", async () => {
    const marker = `graded-${process.pid}-${Date.now()}`;
    const source = readFileSync(join(root, "solutions", "ex01-lookback", "lookback.ts"), "utf8");
    const folder = submission("not-kept", [], { "ex01-lookback/lookback.ts": `${source}\nexport const marker = "${marker}";\n` });
    expect((await gradeSubmission(folder, only("ex01-lookback"), options)).score).toBeGreaterThan(0);
    const cache = join(root, "node_modules", ".cache", "rnn-course", "compiled");
    expect(readdirSync(cache).filter((name) => readFileSync(join(cache, name), "utf8").includes(marker))).toEqual([]);
  });

  it("caps the feedback per exercise and per submission, saying where it was cut", async () => {
    // Six exercises of 30 cases, each case failing with a long error: far more feedback than any real one.
    const ids = ["a", "b", "c", "d", "e", "f"].map((x) => `ex00-${x}`);
    const files = Object.fromEntries(ids.map((id) => [`${id}/sum.ts`, 'export function windowSums(): never {\n  throw new Error("e".repeat(10_000));\n}\n']));
    const folder = submission("long-feedback", [], files);
    const meta = { id: "", title: "long feedback", module: "sum", functions: ["windowSums"], lecture: "none", libraryImports: [] };
    const cases = Array.from({ length: 30 }, (_, i) => ({ id: `case-${i}`, fn: "windowSums", args: [[i], 1], points: 1, hidden: false, expected: [i] }));
    const long: Bundle = { ...bundle, exercises: ids.map((id) => ({ meta: { ...meta, id }, cases })) };
    const result = await gradeSubmission(folder, long, options);
    const messages = result.exercises.map((e) => e.outcomes.map((o) => o.message));
    const total = (list: string[]) => list.reduce((sum, m) => sum + m.length, 0);
    expect(messages[0][0]).toMatch(/windowSums threw Error: e{2000}… \[truncated: 8000 more characters\]$/);
    expect(total(messages[0])).toBeLessThan(20_000 + 30 * 100);
    expect(messages[0].at(-1)).toBe("[feedback truncated: this exercise's feedback is limited to 20,000 characters]");
    expect(total(messages.flat())).toBeLessThan(100_000 + 180 * 100);
    expect(messages.at(-1)!.at(-1)).toBe("[feedback truncated: this submission's feedback is limited to 100,000 characters]");
    expect(result.score).toBe(0);
    expect(result.maxScore).toBe(180);
  });

  it("redraws the drawn hidden cases from a seed, answered by the solution, the same for the same seed, at the same maximum", async () => {
    const [a, b, c] = await Promise.all(["s1", "s1", "s2"].map((seed) => withDrawnCases(only("ex01-lookback"), seed, root, options.isolation)));
    const drawn = (x: Bundle) => x.exercises[0].cases.filter((k) => k.drawn);
    expect(drawn(a).length).toBeGreaterThan(0);
    expect(drawn(a).every((k) => k.hidden)).toBe(true);
    expect(drawn(a).map((k) => [k.id, k.points])).toEqual(drawn(only("ex01-lookback")).map((k) => [k.id, k.points]));
    expect(drawn(b)).toEqual(drawn(a));
    expect(drawn(c).map((k) => k.args)).not.toEqual(drawn(a).map((k) => k.args));
    expect(drawn(a).map((k) => k.args)).not.toEqual(drawn(only("ex01-lookback")).map((k) => k.args));
    const result = await gradeSubmission(join(root, "solutions"), a, options);
    expect(result.score).toBe(result.maxScore);
    const unseeded = await gradeSubmission(join(root, "solutions"), only("ex01-lookback"), options);
    expect(unseeded.maxScore).toBe(result.maxScore);
  });
});
