import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBundle, writeBundle } from "../autograder/references/bundle";
import { buildBundle } from "../autograder/references/build";
import { processesNaming } from "./autograder/processes";
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
  it("grades a submission, writes every report and exits 0; a seed redraws hidden cases at the same maximum", async () => {
    const graded = [];
    for (const seed of ["7", ""]) {
      const out = join(scratch, `solution-${seed || "unseeded"}`);
      const run = await autograde(join(fixtures, "solutions"), "--bundle", bundle, "--out", out, "--json", ...(seed ? ["--seed", seed] : []));
      expect(run.code).toBe(0);
      const results = JSON.parse(run.stdout);
      expect(results).toEqual(json(join(out, "results.json")));
      expect(readFileSync(join(out, "junit.xml"), "utf8")).toMatch(/<testsuites name="solutions" tests="4" failures="0"/);
      expect(readFileSync(join(out, "summary.md"), "utf8")).toMatch(/## Autograder: 7 \/ 7 points/);
      graded.push(results);
    }
    for (const results of graded) {
      expect(results.score).toBe(7);
      expect(results.max_score).toBe(7);
      expect(results.tests.map((t: { name: string }) => t.name)).toEqual(["ex00-sum › pair", "ex00-sum › squash", "ex00-sum › hidden-1", "ex00-sum › hidden-2"]);
    }
  });

  it("puts the problem, not the hint, in a JUnit failure's message", async () => {
    const out = join(scratch, "stubs");
    expect((await autograde(join(fixtures, "hostile", "exit-mid-case"), "--bundle", bundle, "--out", out)).code).toBe(0);
    const junit = readFileSync(join(out, "junit.xml"), "utf8");
    expect(junit).toContain('<failure message="windowSums crashed: the process exited with code 0 before returning">');
    expect(junit).not.toMatch(/<failure message="Each window/);
  });

  it("exits 2 naming what is wrong, and writes nothing, for a bad command line or path", async () => {
    const out = join(scratch, "never-written");
    const missing = await autograde(join(scratch, "does-not-exist"), "--bundle", bundle, "--out", out);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no submission at ${join(scratch, "does-not-exist")}`);
    const empty = join(scratch, "empty-batch");
    mkdirSync(empty);
    const none = await autograde("--batch", empty, "--bundle", bundle, "--out", out);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/holds no submissions/);
    const emptyOne = await autograde(empty, "--bundle", bundle, "--out", out);
    expect(emptyOne.code).toBe(2);
    expect(emptyOne.stderr).toContain(`autograde: ${empty} is empty: give a student repository or its exercises/ folder`);
    const students = readdirSync(join(fixtures, "hostile")).filter((name) => existsSync(join(fixtures, "hostile", name, "exercises"))).sort();
    const classFolder = await autograde(join(fixtures, "hostile"), "--bundle", bundle, "--out", out);
    expect(classFolder.code).toBe(2);
    expect(classFolder.stderr).toContain(`holds no exercises/, but its sub-folders ${students.slice(0, 3).map((s) => `${s}/`).join(", ")}, ... do: did you mean --batch ${join(fixtures, "hostile")}?`);
    const oneStudent = join(scratch, "one-student");
    cpSync(join(fixtures, "solutions"), join(oneStudent, "alice", "exercises"), { recursive: true });
    const one = await autograde(oneStudent, "--bundle", bundle, "--out", out);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain(`holds no exercises/, but its sub-folder alice/ does: grade that one (${join(oneStudent, "alice")}/), or did you mean --batch ${oneStudent}?`);
    const unknown = await autograde(join(fixtures, "solutions"), "--frobnicate", "--out", out);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option --frobnicate\nRun npx autograde --help for the options/);
    expect((await autograde(join(fixtures, "solutions"), "--isolation", "none", "--out", out)).stderr).toMatch(/--isolation: expected one of auto, strict, permission, received "none"/);
    expect((await autograde("a", "b")).code).toBe(2);
    expect((await autograde(join(fixtures, "solutions"), "--regrade", "--out", out)).stderr).toMatch(/--regrade goes with --batch/);
    expect((await autograde(join(fixtures, "solutions"), "--bundle", join(scratch, "absent.json"), "--out", out)).code).toBe(2);
    const readable = await autograde(join(fixtures, "hostile", "read-reference"), "--bundle", join(root, "src", "index.ts"), "--out", out);
    expect(readable.code).toBe(2);
    expect(readable.stderr).toMatch(/inside .*student code may read/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(empty)).toEqual([]);
  });

  it("grades with a bundle inside the submission only when it holds public cases alone, as a student repository's own does", async () => {
    const repo = join(scratch, "own-bundle");
    cpSync(join(fixtures, "solutions"), join(repo, "exercises"), { recursive: true });
    const full = readBundle(bundle);
    writeBundle(join(repo, "hidden.json"), full);
    const refused = await autograde(repo, "--bundle", join(repo, "hidden.json"), "--out", join(scratch, "own-bundle-refused"));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`the bundle ${join(repo, "hidden.json")} lies inside ${repo}, which student code may read, and it holds hidden cases`);
    expect(refused.stderr).toMatch(/npm run autograder:build -- --out \/tmp\/bundle\.json, then --bundle \/tmp\/bundle\.json/);
    writeBundle(join(repo, "public.json"), { ...full, exercises: full.exercises.map(({ meta, cases }) => ({ meta, cases: cases.filter((c) => !c.hidden) })) });
    const out = join(scratch, "own-bundle-graded");
    const graded = await autograde(repo, "--bundle", join(repo, "public.json"), "--out", out);
    expect(graded.code, graded.stderr).toBe(0);
    const publicPoints = full.exercises.flatMap((e) => e.cases).filter((c) => !c.hidden).reduce((sum, c) => sum + c.points, 0);
    expect([json(join(out, "results.json")).score, json(join(out, "results.json")).max_score]).toEqual([publicPoints, publicPoints]);
  });

  it("--exercises grades only the exercises it names, by number or name; an unknown one exits 2 listing those there are", async () => {
    const full = readBundle(bundle);
    const twice = join(scratch, "two-exercises.json");
    const copy = { ...full.exercises[0], meta: { ...full.exercises[0].meta, id: "ex01-copy", title: "A copy" } };
    writeBundle(twice, { ...full, exercises: [...full.exercises, copy] });
    for (const [names, expected] of [["1", ["ex01-copy"]], ["sum,ex1", ["ex00-sum", "ex01-copy"]], ["ex0", ["ex00-sum"]]] as const) {
      const out = join(scratch, `exercises-${names}`);
      const run = await autograde(join(fixtures, "solutions"), "--bundle", twice, "--exercises", names, "--out", out);
      expect(run.code, run.stderr).toBe(0);
      const graded = (json(join(out, "results.json")).tests as { name: string }[]).map((t) => t.name.split(" › ")[0]);
      expect([...new Set(graded)]).toEqual(expected);
    }
    const unknown = await autograde(join(fixtures, "solutions"), "--bundle", twice, "--exercises", "ex7", "--out", join(scratch, "exercises-none"));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--exercises: no exercise "ex7" in the bundle (there are: ex00-sum, ex01-copy;');
    expect(existsSync(join(scratch, "exercises-none"))).toBe(false);
  });

  it("without an OS sandbox grades with the permission model alone and says so; --isolation strict refuses", async () => {
    const bin = join(scratch, "broken-bwrap");
    mkdirSync(bin);
    writeFileSync(join(bin, "bwrap"), '#!/bin/sh\necho "bwrap: Creating new namespace failed: Operation not permitted" >&2\nexit 1\n', { mode: 0o755 });
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, AUTOGRADER_SEED: "" };
    const grade = (out: string, ...args: string[]) =>
      runCommand(process.execPath, [join(root, "autograder", "bin", "autograde.js"), join(fixtures, "solutions"), "--bundle", bundle, "--out", out, ...args], { env });
    const warning = "WARNING: Node's permission model only; the operating-system sandbox could not start: bwrap failed: bwrap: Creating new namespace failed: Operation not permitted";
    const degraded = await grade(join(scratch, "degraded"));
    expect(degraded.status).toBe(0);
    expect(degraded.stderr).toContain(`isolation: ${warning}`);
    expect(json(join(scratch, "degraded", "results.json")).output).toContain(`Isolation: ${warning}`);
    expect(json(join(scratch, "degraded", "results.json")).score).toBe(7);
    const strict = await grade(join(scratch, "strict"), "--isolation", "strict");
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/no operating-system sandbox: bwrap failed: .*--isolation strict refuses to grade without one/);
    expect(existsSync(join(scratch, "strict"))).toBe(false);
  });

  it("exits 0 for a zero score and prints help", async () => {
    expect((await autograde(join(fixtures, "hostile", "monkeypatch"), "--bundle", bundle, "--out", join(scratch, "zero"))).code).toBe(0);
    const help = (await autograde("--help")).stdout;
    expect(help).toMatch(/Usage:\n {2}npx autograde <submission>/);
    expect(help).toMatch(/the same command run again grades only what is missing/);
  });
});

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (condition()) return true;
  return condition();
}

describe.each(["auto", "permission"])("a grader stopped half-way (--isolation %s)", (isolation) => {
  /** A batch whose second submission never finishes, graded with TMPDIR inside `dir`. */
  function startBatch(dir: string) {
    const batch = join(dir, "batch");
    for (const name of ["exit-mid-case", "infinite-loop"]) cpSync(join(fixtures, "hostile", name), join(batch, name), { recursive: true });
    const tmp = join(dir, "tmp");
    mkdirSync(tmp);
    const args = ["--batch", batch, "--bundle", bundle, "--out", join(dir, "out"), "--jobs", "1", "--timeout", "60", "--isolation", isolation];
    // A group of its own: "kill -9" of the whole grader (the command and its workers) is a signal to the group.
    const child = spawn(process.execPath, [join(root, "autograder", "bin", "autograde.js"), ...args], { env: { ...process.env, TMPDIR: tmp, AUTOGRADER_SEED: "" }, stdio: ["ignore", "ignore", "pipe"], detached: true });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    return { child, tmp, exited, stderr: () => stderr, sandboxed: () => stderr.includes("exit-mid-case:") && processesNaming(tmp).length > 0 };
  }

  it("on SIGTERM stops every sandbox, removes its temporary files and keeps the gradebook of what it graded", async () => {
    const dir = mkdtempSync(join(scratch, "term-"));
    const run = startBatch(dir);
    expect(await until(run.sandboxed, 60_000)).toBe(true);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(143);
    expect(run.stderr()).toMatch(/stopped by SIGTERM; gradebook.csv holds the submissions graded so far/);
    expect(readFileSync(join(dir, "out", "gradebook.csv"), "utf8").trim().split("\n").map((row) => row.split(",")[0])).toEqual(["submission", "exit-mid-case"]);
    await until(() => processesNaming(run.tmp).length === 0, 5000);
    expect(processesNaming(run.tmp)).toEqual([]);
    expect(readdirSync(run.tmp).filter((name) => name.startsWith("autograde-"))).toEqual([]);
  }, 120_000);

  it("killed outright with its workers, takes its sandboxes with it; the next grader removes its temporary files", async () => {
    const dir = mkdtempSync(join(scratch, "kill-all-"));
    const run = startBatch(dir);
    expect(await until(run.sandboxed, 60_000)).toBe(true);
    process.kill(-run.child.pid!, "SIGKILL");
    await run.exited;
    await until(() => processesNaming(run.tmp).length === 0, 5000);
    expect(processesNaming(run.tmp)).toEqual([]);
    const [left] = readdirSync(run.tmp).filter((name) => name.startsWith("autograde-"));
    expect(left).toBeDefined();
    const longAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(run.tmp, left), longAgo, longAgo); // a folder of a dead grader is removed once a minute old
    const next = await runCommand(process.execPath, [join(root, "autograder", "bin", "autograde.js"), join(fixtures, "hostile", "exit-at-load"), "--bundle", bundle, "--out", join(dir, "next")], { env: { ...process.env, TMPDIR: run.tmp, AUTOGRADER_SEED: "" } });
    expect(next.status).toBe(0);
    expect(readdirSync(run.tmp).filter((name) => name.startsWith("autograde-"))).toEqual([]);
  }, 120_000);
});
