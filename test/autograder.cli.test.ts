import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeBundle } from "../autograder/references/bundle";
import { buildBundle } from "../autograder/references/build";

const root = join(__dirname, "..");
const fixtures = join(__dirname, "autograder", "fixtures");
const scratch = mkdtempSync(join(tmpdir(), "autograder-cli-"));
const bundle = join(scratch, "bundle.json");

beforeAll(async () => writeBundle(bundle, await buildBundle(root, join(fixtures, "solutions"))), 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function autograde(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, "autograder", "bin", "autograde.js"), ...args], { encoding: "utf8", env: { ...process.env, AUTOGRADER_SEED: "" } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
const json = (path: string) => JSON.parse(readFileSync(path, "utf8"));

describe("npx autograde", () => {
  it("grades a submission, writes every report and exits 0; a seed redraws hidden cases at the same maximum", () => {
    const graded = ["7", ""].map((seed) => {
      const out = join(scratch, `solution-${seed || "unseeded"}`);
      const run = autograde(join(fixtures, "solutions"), "--bundle", bundle, "--out", out, "--json", ...(seed ? ["--seed", seed] : []));
      expect(run.code).toBe(0);
      const results = JSON.parse(run.stdout);
      expect(results).toEqual(json(join(out, "results.json")));
      expect(readFileSync(join(out, "junit.xml"), "utf8")).toMatch(/<testsuites name="solutions" tests="4" failures="0"/);
      expect(readFileSync(join(out, "summary.md"), "utf8")).toMatch(/## Autograder: 7 \/ 7 points/);
      return results;
    });
    for (const results of graded) {
      expect(results.score).toBe(7);
      expect(results.max_score).toBe(7);
      expect(results.tests.map((t: { name: string }) => t.name)).toEqual(["ex00-sum › pair", "ex00-sum › squash", "ex00-sum › hidden: triple", "ex00-sum › hidden: drawn"]);
    }
  });

  it("puts the problem, not the hint, in a JUnit failure's message", () => {
    const out = join(scratch, "stubs");
    expect(autograde(join(fixtures, "hostile", "exit-mid-case"), "--bundle", bundle, "--out", out).code).toBe(0);
    const junit = readFileSync(join(out, "junit.xml"), "utf8");
    expect(junit).toContain('<failure message="windowSums crashed: the process exited with code 0 before returning">');
    expect(junit).not.toMatch(/<failure message="Each window/);
  });

  it("exits 2 naming what is wrong, and writes nothing, for a bad command line or path", () => {
    const out = join(scratch, "never-written");
    const missing = autograde(join(scratch, "does-not-exist"), "--bundle", bundle, "--out", out);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no submission at ${join(scratch, "does-not-exist")}`);
    const empty = join(scratch, "empty-batch");
    mkdirSync(empty);
    const none = autograde("--batch", empty, "--bundle", bundle, "--out", out);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/holds no submissions/);
    const unknown = autograde(join(fixtures, "solutions"), "--frobnicate", "--out", out);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option --frobnicate\nRun npx autograde --help for the options/);
    expect(autograde(join(fixtures, "solutions"), "--isolation", "none", "--out", out).stderr).toMatch(/--isolation: expected one of auto, strict, permission, received "none"/);
    expect(autograde("a", "b").code).toBe(2);
    expect(autograde(join(fixtures, "solutions"), "--bundle", join(scratch, "absent.json"), "--out", out).code).toBe(2);
    const readable = autograde(join(fixtures, "hostile", "read-reference"), "--bundle", join(root, "src", "index.ts"), "--out", out);
    expect(readable.code).toBe(2);
    expect(readable.stderr).toMatch(/inside .*student code may read/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(empty)).toEqual([]);
  });

  it("exits 0 for a zero score and prints help", () => {
    expect(autograde(join(fixtures, "hostile", "monkeypatch"), "--bundle", bundle, "--out", join(scratch, "zero")).code).toBe(0);
    expect(autograde("--help").stdout).toMatch(/Usage:\n {2}npx autograde <submission>/);
  });
});
