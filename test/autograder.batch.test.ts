/**
 * A batch never dies: each submission is graded in a worker process of its own, so a worker that dies
 * costs only its submission's row; every finished row is on disk the moment it is finished, so kill -9 of
 * the grader mid-batch loses none (its workers then stop by themselves, leaving nothing behind); and the
 * same command run again grades only what is missing (or changed) and gives the gradebook an
 * uninterrupted run gives, drawn hidden cases (--seed) included.
 */
import { spawn } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOURNAL, readJournal } from "../autograder/journal";
import { writeBundle } from "../autograder/references/bundle";
import { buildBundle } from "../autograder/references/build";
import { processesNaming } from "./autograder/processes";
import { runCommand } from "./run-command";

const root = join(__dirname, "..");
const fixtures = join(__dirname, "autograder", "fixtures");
const scratch = mkdtempSync(join(tmpdir(), "autograder-batch-"));
const bundle = join(scratch, "bundle.json");
const batch = join(scratch, "batch");

beforeAll(async () => {
  writeBundle(bundle, await buildBundle(root, join(fixtures, "solutions")));
  mkdirSync(tmp);
  // Graded in this order (--jobs 1); the third one's pair case runs into its time limit (1 s).
  cpSync(join(fixtures, "solutions"), join(batch, "1-solution", "exercises"), { recursive: true });
  cpSync(join(fixtures, "hostile", "exit-mid-case"), join(batch, "2-partial"), { recursive: true });
  cpSync(join(fixtures, "hostile", "infinite-loop"), join(batch, "3-slow"), { recursive: true });
  cpSync(join(fixtures, "hostile", "honest-linked-helper"), join(batch, "4-linked"), { recursive: true, verbatimSymlinks: true });
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const bin = join(root, "autograder", "bin", "autograde.js");
const tmp = join(scratch, "tmp");
const env = { ...process.env, AUTOGRADER_SEED: "", TMPDIR: tmp };
const args = (out: string, ...more: string[]) => ["--batch", batch, "--bundle", bundle, "--out", out, "--jobs", "1", "--timeout", "1", "--seed", "term-1", ...more];
const gradebook = (out: string) => readFileSync(join(out, "gradebook.csv"), "utf8");
const journalLines = (out: string) => (existsSync(join(out, JOURNAL)) ? readFileSync(join(out, JOURNAL), "utf8").split("\n").filter(Boolean).length : 0);

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) if (condition()) return true;
  return condition();
}

/** Whether process `pid` runs (a zombie, dead but not yet reaped by the container's init, does not). */
function running(pid: number | undefined): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** What a failed clean-up left: the worker (its state and command) and each process naming `folder`. */
function leftRunning(worker: number | undefined, folder: string): string {
  const describe = (pid: number | undefined) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").slice(0, 300);
      return `${pid} (state ${stat.slice(stat.lastIndexOf(")") + 2)[0]}): ${command}`;
    } catch {
      return `${pid} (gone)`;
    }
  };
  return [`worker ${describe(worker)}`, ...processesNaming(folder)].join("; ");
}

/** The grading workers started by process `parent` (what a grader's `ps` shows as grading-worker.js). */
function workersOf(parent: number): number[] {
  return readdirSync("/proc")
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return ppid === parent && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("grading-worker.js");
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe("npx autograde --batch", () => {
  it("survives its workers dying and itself killed outright; run again, it finishes with the gradebook of an uninterrupted run", async () => {
    const reference = join(scratch, "uninterrupted");
    const whole = await runCommand(process.execPath, [bin, ...args(reference)], { env });
    expect(whole.status).toBe(0);
    const [header, ...lines] = gradebook(reference).trim().split("\n");
    expect(lines.map((line) => line.split(",")[0])).toEqual(["1-solution", "2-partial", "3-slow", "4-linked"]);
    expect(lines[0]).toBe("1-solution,7,7,7");

    // Killed: the worker grading 3-slow, twice (its retry too), then the grader itself once 3-slow has a row.
    const out = join(scratch, "killed");
    const grader = spawn(process.execPath, [bin, ...args(out)], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    grader.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => grader.on("close", resolve));
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(await until(() => journalLines(out) === 2 && workersOf(grader.pid!).length === 1, 60_000)).toBe(true);
      const [worker] = workersOf(grader.pid!);
      process.kill(worker, "SIGKILL");
      expect(await until(() => !workersOf(grader.pid!).includes(worker), 10_000)).toBe(true);
    }
    expect(await until(() => journalLines(out) === 3, 60_000)).toBe(true);
    const [survivor] = workersOf(grader.pid!);
    grader.kill("SIGKILL");
    await exited;
    // Its workers noticed, stopped their sandboxes and removed their temporary files. A worker notices at its
    // next turn of the event loop, which a synchronous step (compiling a submission) delays on a busy machine:
    // 10 s was once too short in CI beside other work, so it gets the minute the other steps here get.
    const cleaned = await until(() => !running(survivor) && processesNaming(tmp).length === 0, 60_000);
    expect(cleaned, `left running: ${leftRunning(survivor, tmp)}`).toBe(true);
    expect(readdirSync(tmp).filter((name) => name.startsWith("autograde-"))).toEqual([]);
    expect(stderr).toMatch(/3-slow: 0 \/ 7 points: the grader failed on it \(its grading process was killed by SIGKILL, twice\)/);
    const rows = readJournal(out);
    expect([...rows.values()].map((row) => [row.name, row.complete])).toEqual([
      ["1-solution", true],
      ["2-partial", true],
      ["3-slow", false],
    ]);
    // Every finished row as the uninterrupted run has it; the one the grader failed on at 0.
    expect(gradebook(out)).toBe([header, lines[0], lines[1], "3-slow,0,7,0", ""].join("\n"));
    expect(readFileSync(join(out, "3-slow", "results.json"), "utf8")).toMatch(/the grader failed on this submission/);

    // The same command again: the finished rows are kept, the grader's failure and the missing row graded.
    const resumed = await runCommand(process.execPath, [bin, ...args(out)], { env });
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toMatch(/kept 2 of 4 submissions/);
    expect(resumed.stderr.match(/^\d-\w+: /gm)).toEqual(["3-slow: ", "4-linked: "]);
    expect(gradebook(out)).toBe(gradebook(reference));

    // A changed submission is graded again, and only it.
    appendFileSync(join(batch, "2-partial", "exercises", "ex00-sum", "sum.ts"), "\n// resubmitted\n");
    const changed = await runCommand(process.execPath, [bin, ...args(out)], { env });
    expect(changed.stderr).toMatch(/kept 3 of 4 submissions/);
    expect(changed.stderr.match(/^\d-\w+: /gm)).toEqual(["2-partial: "]);
    expect(gradebook(out)).toBe(gradebook(reference));
  }, 240_000);

  it("keeps the rows of a journal whose last line a kill cut short", () => {
    const folder = mkdtempSync(join(scratch, "journal-"));
    const row = { name: "a", score: 1, maxScore: 2, points: { ex: 1 }, key: "k", complete: true };
    appendFileSync(join(folder, JOURNAL), `${JSON.stringify(row)}\n${JSON.stringify({ ...row, name: "b" }).slice(0, 20)}`);
    expect([...readJournal(folder).keys()]).toEqual(["a"]);
  });
});
