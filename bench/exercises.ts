/**
 * Grading time and peak memory per exercise (a benchmark, not a test), through the `npx autograde` command
 * line: the instructor's solutions graded one exercise at a time with the course's bundle and draw, then with
 * a fresh draw (--seed), which makes the experiment exercises train from other seeds, then with the seeded
 * bug of test/autograder/fixtures/wrong.ts where the exercise has one (a wrong answer, for the experiment
 * exercises: their judges train until most runs agree, so a wrong answer costs time too). Peak memory is the
 * largest resident size of any one process of the grading (the grader, the sandboxed exercise process, an
 * experiment), read from /proc every 20 ms; the limit beside it is the per-process cap the grader sets.
 * Training exercises are the ones to watch: their experiments run under the time and memory their meta.json
 * gives them (`experiment`), and inside the submission's budget (300 s).
 *
 *   npm run bench:exercises [-- exercise ...]
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { resolveExercise } from "../autograder/core/exercise-names";
import type { Meta } from "../autograder/core";
import { mutations } from "../test/autograder/fixtures/wrong";
import { descendants, residentMb } from "./processes";

const root = join(__dirname, "..");
const cli = join(root, "autograder", "bin", "autograde.js");
const scratch = mkdtempSync(join(tmpdir(), "exercises-bench-"));
const bundle = join(scratch, "bundle.json");
/** The grader's defaults (autograder/cli.ts): per case, and per exercise process. */
const CASE_SECONDS = 10;
const MEMORY_MB = 1024;

interface Graded {
  seconds: number;
  /** CPU seconds of the command and everything it started, sandboxes included: a busy machine changes it little. */
  cpu: number;
  peakMb: number;
  score: string;
}

/** Grades the solutions' `exercise` alone, watching every process the command starts. */
function grade(exercise: string, seed: string, out: string, submission = join(root, "solutions")): Promise<Graded> {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const args = [cli, submission, "--exercises", exercise, "--bundle", bundle, "--out", out, "--jobs", "1", "--json"];
    const env = { ...process.env, AUTOGRADER_SEED: seed };
    const child = spawn("/usr/bin/time", ["-f", "%U %S", process.execPath, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    let peakMb = 0;
    const watch = setInterval(() => (peakMb = Math.max(peakMb, ...descendants(child.pid!).map(residentMb))), 20);
    child.on("error", fail);
    child.on("close", (code) => {
      clearInterval(watch);
      if (code !== 0) return fail(new Error(`autograde ${exercise} exited with ${code}`));
      const result = JSON.parse(stdout.slice(stdout.indexOf("{"))) as { score: number; max_score: number };
      const [user, system] = stderr.trim().split("\n").pop()!.split(" ").map(Number);
      done({ seconds: Number(process.hrtime.bigint() - started) / 1e9, cpu: user + system, peakMb, score: `${result.score}/${result.max_score}` });
    });
  });
}

/** The solution of `exercise` with its seeded bug, in a submission folder of its own; undefined if it has none. */
function wrongSubmission(exercise: string): string | undefined {
  const mutation = mutations.find((m) => m.exercise === exercise);
  if (!mutation) return undefined;
  const folder = join(scratch, `${exercise}-wrong`);
  cpSync(join(root, "solutions", exercise), join(folder, "exercises", exercise), { recursive: true });
  const file = join(folder, "exercises", exercise, mutation.file);
  writeFileSync(file, readFileSync(file, "utf8").replace(mutation.from, mutation.to));
  return folder;
}

/** "10 s, 1024 MiB", or the experiment's own limits where its meta.json sets them. */
function limits(meta: Meta): string {
  const own = meta.experiment;
  return `case ${own?.timeoutSeconds ?? CASE_SECONDS} s, ${own?.memoryMb ?? MEMORY_MB} MiB`;
}

async function main(): Promise<void> {
  const all = readdirSync(join(root, "solutions")).filter((name) => /^ex\d+-/.test(name)).sort();
  const typed = process.argv.slice(2);
  const chosen = typed.length ? typed.map((name) => resolveExercise(name, all, "the exercises")) : all;
  const started = Date.now();
  execFileSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "autograder", "build.ts"), "--out", bundle], { cwd: root, stdio: "ignore" });
  console.log(`bundle built in ${((Date.now() - started) / 1000).toFixed(1)} s (the solutions' answers to judged cases run through their judges)`);
  console.log("wall seconds (CPU seconds) and score of each grading; the peak is the largest process of the three");
  console.log("exercise                 solution, course draw   fresh draw (--seed)     seeded bug              peak process  limits");
  for (const exercise of chosen) {
    const meta = JSON.parse(readFileSync(join(root, "solutions", exercise, "meta.json"), "utf8")) as Meta;
    const own = await grade(exercise, "", join(scratch, `${exercise}-own`));
    const fresh = await grade(exercise, "bench-1", join(scratch, `${exercise}-fresh`));
    const wrongFolder = wrongSubmission(exercise);
    const wrong = wrongFolder ? await grade(exercise, "", join(scratch, `${exercise}-bug`), wrongFolder) : undefined;
    const cell = (g: Graded | undefined, width: number) => (g ? `${g.seconds.toFixed(1).padStart(5)} s (${g.cpu.toFixed(1)}) ${g.score}` : "    -").padEnd(width);
    const peak = Math.max(own.peakMb, fresh.peakMb, wrong?.peakMb ?? 0);
    console.log(`${exercise.padEnd(24)} ${cell(own, 24)}${cell(fresh, 24)}${cell(wrong, 24)}${peak.toFixed(0).padStart(5)} MiB     ${limits(meta)}`);
  }
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" / ")}`);
}

main()
  .catch((error) => {
    console.error(`bench:exercises: ${(error as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(scratch, { recursive: true, force: true }));
