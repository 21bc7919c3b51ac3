/**
 * The grader's --out folder: new, empty or its own; a folder holding other files (Gradescope's results
 * folder with the harness's log, a git checkout) is refused before any grading, unless --force, which
 * names what it overwrites and keeps the rest.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeBundle } from "../autograder/references/bundle";
import { buildBundle } from "../autograder/references/build";
import { MARKER } from "../tools/output-folder";
import { runCommand } from "./run-command";

const root = join(__dirname, "..");
const solutions = join(__dirname, "autograder", "fixtures", "solutions");
const scratch = mkdtempSync(join(tmpdir(), "autograde-out-"));
const bundle = join(scratch, "bundle.json");

beforeAll(async () => writeBundle(bundle, await buildBundle(root, solutions)), 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const autograde = (...args: string[]) =>
  runCommand(process.execPath, [join(root, "autograder", "bin", "autograde.js"), "--bundle", bundle, "--isolation", "permission", ...args], { env: { ...process.env, AUTOGRADER_SEED: "" } });

describe("autograde --out", () => {
  it("refuses a git checkout with files of its own, before grading, writing nothing", async () => {
    const checkout = join(scratch, "checkout");
    mkdirSync(join(checkout, ".git"), { recursive: true });
    writeFileSync(join(checkout, "results.json"), "the instructor's own");
    const run = await autograde(solutions, "--out", checkout);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`autograde: --out: expected a folder autograde wrote, or a new or empty one, received ${JSON.stringify(checkout)}. It holds .git/ and results.json`);
    expect(run.stderr).toContain("Add --force to write there all the same (overwriting results.json, keeping .git/)");
    expect(run.stderr).not.toMatch(/isolation:/); // refused before the grader set anything up
    expect(readdirSync(checkout).sort()).toEqual([".git", "results.json"]);
    expect(readFileSync(join(checkout, "results.json"), "utf8")).toBe("the instructor's own");
  });

  it("writes beside Gradescope's log with --force, saying so; then the folder is its own", async () => {
    const results = join(scratch, "results");
    mkdirSync(results);
    writeFileSync(join(results, "stdout"), "harness log\n");
    const forced = await autograde(solutions, "--out", results, "--force");
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stderr).toContain(`autograde --force: writing into ${results}, overwriting nothing, keeping stdout.`);
    expect(readFileSync(join(results, "stdout"), "utf8")).toBe("harness log\n");
    expect(JSON.parse(readFileSync(join(results, "results.json"), "utf8")).score).toBe(7);
    const again = await autograde(solutions, "--out", results);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).not.toContain("--force");
    expect(existsSync(join(results, MARKER))).toBe(true);
  });
});
