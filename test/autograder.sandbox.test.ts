import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as inspector from "node:inspector";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCalls } from "../autograder/sandbox/calls";
import type { CallResult, Limits } from "../autograder/sandbox/child";
import { copySubmission } from "../autograder/sandbox/copy";
import { isolationFor, type Isolation } from "../autograder/sandbox/isolation";
import type { Call } from "../autograder/sandbox/protocol";
import { sandboxTarget } from "../autograder/sandbox/target";

const root = join(__dirname, "..");
const fixtures = join(__dirname, "autograder", "fixtures");
let isolation: Isolation;
beforeAll(async () => {
  isolation = await isolationFor("auto");
});
const limits = (caseTimeoutMs = 3000): Limits => ({ caseTimeoutMs, memoryMb: 512, deadline: Date.now() + 60_000, isolation });
const pair: Call = { id: "pair", fn: "windowSums", args: [[1, 2, 3, 4], 2] };
const triple: Call = { id: "triple", fn: "windowSums", args: [[1, 2, 3], 3] };

/** Runs `calls` and gives the results by call id. */
async function run(folder: string, calls: Call[], mirror = "exercises", timeoutMs?: number): Promise<Map<string, CallResult>> {
  const results = await runCalls(sandboxTarget(folder, join(folder, "ex00-sum", "sum.ts"), root, { mirror }), calls, limits(timeoutMs));
  return new Map(results.map((result, i) => [calls[i].id, result]));
}
const submission = (name: string, calls: Call[] = [pair, triple], timeoutMs?: number) =>
  run(join(fixtures, "hostile", name, "exercises"), calls, "exercises", timeoutMs);
const value = (result: CallResult | undefined) => (result?.kind === "value" ? result.value : `failed: ${JSON.stringify(result)}`);
const failure = (result: CallResult | undefined) => (result && result.kind !== "value" ? JSON.stringify(result) : `returned ${JSON.stringify(result)}`);

describe("sandbox", () => {
  it("runs the solution in a child process, tensors and the course library included", async () => {
    const results = await run(join(fixtures, "solutions"), [pair, { id: "squash", fn: "squash", args: [[0, 1]] }], "solutions");
    expect(value(results.get("pair"))).toEqual([3, 5, 7]);
    const squashed = value(results.get("squash")) as number[];
    expect(squashed[0]).toBe(0);
    expect(squashed[1]).toBeCloseTo(Math.tanh(1), 6);
  });

  it("reports a thrown error and a missing export as that call's failure", async () => {
    const results = await run(join(fixtures, "solutions"), [{ id: "bad-k", fn: "windowSums", args: [[1], 0] }, { id: "absent", fn: "nope", args: [] }], "solutions");
    expect(results.get("bad-k")).toEqual({ kind: "error", name: "ArgumentError", message: "k: expected a positive integer, received 0" });
    expect(results.get("absent")).toEqual({ kind: "missing-export", exports: ["windowSums", "squash"] });
  });

  it("keeps the reference files, the folder listing and the environment out of reach", async () => {
    process.env.AUTOGRADER_SEED = "1234";
    const calls = ["peek", "graderBundle", "throughLinkedPackage"].map((fn) => ({ id: fn, fn, args: [] }));
    const results = await submission("read-reference", [pair, ...calls]);
    delete process.env.AUTOGRADER_SEED;
    for (const id of ["pair", "graderBundle", "throughLinkedPackage"]) expect(failure(results.get(id))).toMatch(/restricted|denied/i);
    const seen = value(results.get("peek")) as { env: string[]; secretFolder: string };
    expect(seen.env).toEqual([]);
    expect(seen.secretFolder).toMatch(/restricted|denied/i);
  });

  it("reads a copy of the submission without its symbolic links", async () => {
    const folder = scratch({ "ex00-sum/sum.ts": 'export const windowSums = () => require("fs").readFileSync(__dirname + "/leak.json", "utf8");\n' });
    symlinkSync(join(fixtures, "secret", "reference.json"), join(folder, "ex00-sum", "leak.json"));
    const copy = copySubmission(folder, mkdtempSync(join(tmpdir(), "autograder-copy-")));
    scratchFolders.push(copy.folder);
    expect(copy.refused).toEqual([{ path: join("ex00-sum", "leak.json"), why: `a symbolic link to ${join(fixtures, "secret", "reference.json")}, outside the submission` }]);
    const results = await run(copy.folder, [pair]);
    expect(failure(results.get("pair"))).toMatch(/ENOENT/);
  });

  it("cannot write files", async () => {
    const results = await submission("write-results");
    expect(failure(results.get("pair"))).toMatch(/restricted|denied/i);
    expect(existsSync(join(fixtures, "secret", "results.json"))).toBe(false);
  });

  it("cannot start processes, workers or the inspector", async () => {
    const results = await submission("spawn-process", [pair, { id: "worker", fn: "worker", args: [] }, { id: "inspector", fn: "inspector", args: [] }]);
    for (const id of ["pair", "worker", "inspector"]) expect(failure(results.get(id))).toMatch(/restricted|denied/i);
  });

  it("cannot signal the grader, open its inspector or reach the network", async () => {
    const calls = ["debugGrader", "connect", "download", "streams", "connectThroughInternals"].map((fn) => ({ id: fn, fn, args: [] }));
    const results = await submission("signal-and-network", [pair, ...calls]);
    expect(failure(results.get("pair"))).toMatch(/process.kill is not available while grading/);
    expect(failure(results.get("debugGrader"))).toMatch(/process._debugProcess is not available/);
    expect(failure(results.get("connect"))).toMatch(/the network \(net\) is not available/);
    expect(failure(results.get("connectThroughInternals"))).toMatch(/the network \(net\) is not available/);
    expect(value(results.get("download"))).toBe("no fetch");
    expect(value(results.get("streams"))).not.toContain("Socket");
    expect(inspector.url()).toBeUndefined();
  });

  it("scores a process.exit mid-case as that case's failure and goes on with the next", async () => {
    const results = await submission("exit-mid-case");
    expect(results.get("pair")).toEqual({ kind: "crash", message: "the process exited with code 0 before returning" });
    expect(value(results.get("triple"))).toEqual([6]);
  });

  it("fails every case of a module that exits while loading", async () => {
    const results = await submission("exit-at-load");
    for (const id of ["pair", "triple"]) expect(failure(results.get(id))).toMatch(/load-error.*exited with code 0/);
  });

  it("stops an infinite loop and a promise that never settles at the case timeout", async () => {
    const results = await submission("infinite-loop", [pair, { id: "never", fn: "never", args: [] }, triple], 1000);
    expect(results.get("pair")).toEqual({ kind: "timeout", ms: 1000 });
    expect(results.get("never")).toEqual({ kind: "timeout", ms: 1000 });
    expect(value(results.get("triple"))).toEqual([6]);
  });

  it("with oneTimeoutPerFunction (npm run check's rule) calls a function that ran out of time no more; other functions go on", async () => {
    const folder = join(fixtures, "hostile", "infinite-loop", "exercises");
    const calls = [pair, { id: "never", fn: "never", args: [] }, triple];
    const results = await runCalls(sandboxTarget(folder, join(folder, "ex00-sum", "sum.ts"), root, { mirror: "exercises" }), calls, { ...limits(1000), oneTimeoutPerFunction: true });
    expect(results).toEqual([{ kind: "timeout", ms: 1000 }, { kind: "timeout", ms: 1000 }, { kind: "timeout", ms: 1000, after: "pair" }]);
  });

  it("stops a 10 GB ArrayBuffer and a heap that grows without end at the memory cap", async () => {
    const results = await submission("allocate-10gb", [pair, { id: "heap", fn: "heap", args: [] }, triple]);
    expect(failure(results.get("pair"))).toMatch(/more than 512 MiB|out of memory/);
    expect(failure(results.get("heap"))).toMatch(/more than 512 MiB|out of memory/);
    expect(value(results.get("triple"))).toEqual([6]);
  });

  it("returns what the function returned even after Math, Array.prototype and JSON are rewritten", async () => {
    const results = await submission("monkeypatch");
    expect(value(results.get("pair"))).toEqual([]);
  });

  it("ignores printed results and answers forged on the result pipe", async () => {
    const results = await submission("print-fake-results");
    expect(value(results.get("pair"))).toEqual([0]);
    expect(value(results.get("triple"))).toEqual([0]);
  });

  it("brings NaN, infinities and undefined back as they were", async () => {
    const folder = scratch({ "ex00-sum/sum.ts": "export const windowSums = () => [NaN, Infinity, -Infinity, undefined, new Float32Array([0.5])];\n" });
    const results = await run(folder, [pair]);
    expect(value(results.get("pair"))).toEqual([NaN, Infinity, -Infinity, undefined, [0.5]]);
  });

  it("reports a syntax error with its line, for every case", async () => {
    const folder = scratch({ "ex00-sum/sum.ts": "export function windowSums(xs: number[]) {\n  return xs.map((x) => x +);\n}\n" });
    const results = await run(folder, [pair, triple]);
    for (const id of ["pair", "triple"]) expect(failure(results.get(id))).toMatch(/SyntaxError: .*sum\.ts:2:\d+: Expression expected/);
  });
});

const scratchFolders: string[] = [];
afterAll(() => scratchFolders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A throwaway exercises folder holding `files` (for code that must not sit in the type-checked tree). */
function scratch(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), "autograder-test-"));
  scratchFolders.push(folder);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, ".."), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}
