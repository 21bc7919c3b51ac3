import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeBundle } from "../autograder/references/bundle";
import { buildBundle } from "../autograder/references/build";
import { runCommand } from "./run-command";

const root = join(__dirname, "..");
const fixtures = join(__dirname, "autograder", "fixtures");
const scratch = mkdtempSync(join(tmpdir(), "autograder-cli-"));
const bundle = join(scratch, "bundle.json");

beforeAll(async () => writeBundle(bundle, await buildBundle(root, join(fixtures, "solutions"))), 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function autograde(...args: string[]) {
  const run = await runCommand(process.execPath, [join(root, "autograder", "bin", "autograde.js"), ...args], { env: { ...process.env, AUTOGRADER_SEED: "" } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
const json = (path: string) => JSON.parse(readFileSync(path, "utf8"));

describe("npx autograde", () => {
  it("grades a submission, writes every report and exits 0", async () => {
    const out = join(scratch, "solution");
    const run = await autograde(join(fixtures, "solutions"), "--bundle", bundle, "--out", out, "--json", "--seed", "7");
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout);
    expect(results).toEqual(json(join(out, "results.json")));
    expect(results.score).toBe(results.max_score);
    expect(results.tests.map((t: { name: string }) => t.name)).toEqual(["ex00-sum › pair", "ex00-sum › squash", "ex00-sum › hidden: triple", "ex00-sum › hidden: drawn"]);
    expect(readFileSync(join(out, "junit.xml"), "utf8")).toMatch(/<testsuites name="solutions" tests="4" failures="0"/);
    expect(readFileSync(join(out, "summary.md"), "utf8")).toMatch(/## Autograder: 7 \/ 7 points/);
  });

  it("scores every hostile submission only for what it computed, in batch, and writes the gradebook", async () => {
    const out = join(scratch, "batch");
    const run = await autograde("--batch", join(fixtures, "submissions"), "--bundle", bundle, "--out", out, "--jobs", "2", "--timeout", "2", "--memory", "512");
    expect(run.code).toBe(0);
    const scores = Object.fromEntries(
      readFileSync(join(out, "gradebook.csv"), "utf8").trim().split("\n").slice(1).map((row) => [row.split(",")[0], Number(row.split(",")[1])]),
    );
    // Only "triple" (3 points, hidden) is computed honestly, by the three that sabotage just the other case.
    expect(scores).toEqual({
      "allocate-10gb": 3,
      "exit-at-load": 0,
      "exit-mid-case": 3,
      "infinite-loop": 3,
      monkeypatch: 0,
      "print-fake-results": 0,
      "read-reference": 0,
      "signal-and-network": 0,
      "spawn-process": 0,
      "write-results": 0,
    });
    expect(json(join(out, "print-fake-results", "results.json")).score).toBe(0);
    expect(existsSync(join(fixtures, "secret", "results.json"))).toBe(false);
  });

  it("exits 0 for a zero score, 2 for a wrong command line or a readable bundle, and prints help", async () => {
    expect((await autograde(join(fixtures, "submissions", "monkeypatch"), "--bundle", bundle, "--out", join(scratch, "zero"))).code).toBe(0);
    expect((await autograde("--help")).stdout).toMatch(/Usage:\n {2}npx autograde <submission>/);
    expect((await autograde("--frobnicate")).code).toBe(2);
    expect((await autograde("a", "b")).code).toBe(2);
    expect((await autograde(join(fixtures, "solutions"), "--bundle", join(scratch, "absent.json"))).code).toBe(2);
    const readable = await autograde(join(fixtures, "submissions", "read-reference"), "--bundle", join(root, "src", "index.ts"));
    expect(readable.code).toBe(2);
    expect(readable.stderr).toMatch(/inside .*student code may read/);
  });
});
