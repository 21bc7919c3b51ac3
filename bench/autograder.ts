/**
 * Autograder speed and robustness (a benchmark, not a test), all through the `npx autograde` command line:
 * one submission; each of the worst floods alone, with the grader's peak memory (its own processes, not
 * the sandboxes); a batch of `count` mixed submissions (bench/submissions.ts: correct, stubs, partial,
 * hostile); the same plus the floods, which must end with every row; and that batch killed with kill -9
 * half-way, then run again, which must give the same gradebook.
 * Targets: one submission under 10 s and 100 under 5 minutes on 2 cores.
 *
 *   npm run bench:autograder -- [count=100] [jobs=2] [--grader DIR]
 *
 * --grader times another installation of the course (an older grader, say: build it with npm ci first);
 * the kill-and-resume step needs a grader that resumes, and is left out when its gradebook says otherwise.
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { FLOODS, makeFlood, makeSubmission } from "./submissions";
import { command, descendants, residentMb } from "./processes";

const root = join(__dirname, "..");
const positional = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith("--") && all[i - 1] !== "--grader");
const count = Number(positional[0] ?? 100);
const jobs = Number(positional[1] ?? 2);
const graderFlag = process.argv.indexOf("--grader");
const grader = graderFlag > 0 ? resolve(process.argv[graderFlag + 1]) : root;
const scratch = mkdtempSync(join(tmpdir(), "autograder-bench-"));
const bundle = join(scratch, "bundle.json");
const cli = join(grader, "autograder", "bin", "autograde.js");

interface Run {
  seconds: number;
  /** CPU seconds of the command and everything it started, sandboxes included. */
  cpu: number;
  /** Peak resident memory (MiB) of the grader's own processes: the largest one, and all together. */
  peakProcessMb: number;
  peakTotalMb: number;
  /** The command's exit code (null: killed). */
  code: number | null;
}

/** Runs `npx autograde args...` (through Node, no shell), watching its processes' memory. */
function autograde(args: string[], killAfterRows?: { out: string; rows: number }): Promise<Run & { killed: boolean }> {
  return new Promise((done) => {
    const started = process.hrtime.bigint();
    // In the course folder (the command refuses to run elsewhere), a process group of its own (to kill it whole).
    const child = spawn("/usr/bin/time", ["-f", "%U %S", process.execPath, cli, ...args, "--bundle", bundle], { cwd: grader, stdio: ["ignore", "ignore", "pipe"], detached: true, env: { ...process.env, AUTOGRADER_SEED: "" } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    let peakProcessMb = 0;
    let peakTotalMb = 0;
    let killed = false;
    const watch = setInterval(() => {
      const graderPids = descendants(child.pid!).filter((pid) => !isSandbox(pid) && !command(pid).startsWith("/usr/bin/time"));
      const sizes = graderPids.map(residentMb);
      peakProcessMb = Math.max(peakProcessMb, ...sizes);
      peakTotalMb = Math.max(peakTotalMb, sizes.reduce((a, b) => a + b, 0));
      if (killAfterRows && !killed && rowsOf(killAfterRows.out) >= killAfterRows.rows) {
        killed = true;
        process.kill(-child.pid!, "SIGKILL");
      }
    }, 50);
    child.on("close", () => {
      clearInterval(watch);
      const last = stderr.trim().split("\n").pop() ?? "";
      const [user, system] = last.split(" ").map(Number);
      const code = /exited with non-zero status (\d+)/.exec(stderr)?.[1];
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      done({ seconds, cpu: user + system, peakProcessMb, peakTotalMb, killed, code: code ? Number(code) : /terminated by signal/.test(stderr) ? null : 0 });
    });
  });
}

/** A sandbox's process (bubblewrap, its shell, the sandboxed Node): student code, not the grader. */
const isSandbox = (pid: number) => /bwrap|--experimental-permission|--permission|setpriv|bash -c/.test(command(pid));

const rowsOf = (out: string) => (existsSync(join(out, "gradebook.csv")) ? readFileSync(join(out, "gradebook.csv"), "utf8").trim().split("\n").length - 1 : 0);
const show = (name: string, run: Run) =>
  console.log(
    `${name}: ${run.seconds.toFixed(1)} s wall, ${run.cpu.toFixed(1)} s CPU; grader's peak memory ${run.peakProcessMb.toFixed(0)} MiB in one process, ${run.peakTotalMb.toFixed(0)} MiB in all${run.code === 0 ? "" : `; EXIT ${run.code ?? "by a signal"}`}`,
  );

async function main(): Promise<void> {
  try {
    execFileSync(join(grader, "node_modules", ".bin", "tsx"), [join(grader, "autograder", "build.ts"), "--out", bundle], { cwd: grader, stdio: "ignore" });
    const kinds = new Map<string, number>();
    for (let k = 0; k < count; k++) {
      const kind = makeSubmission(root, join(scratch, "class", `student-${String(k).padStart(3, "0")}`), k).split(":")[0];
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const floods = Object.keys(FLOODS);
    for (const flood of floods) makeFlood(root, join(scratch, "flooded", flood), flood);
    const total = count + floods.length;
    console.log(`grader: ${grader}; ${count} submissions (${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(", ")}) and ${floods.length} floods`);

    show("one submission (a solution)", await autograde([join(scratch, "class", "student-000"), "--out", join(scratch, "one"), "--jobs", String(jobs)]));
    for (const flood of floods) {
      const out = join(scratch, flood);
      const run = await autograde([join(scratch, "flooded", flood), "--out", out, "--jobs", String(jobs)]);
      show(`${flood} alone`, run);
      const results = join(out, "results.json");
      console.log(`  ${existsSync(results) ? `results.json ${(statSync(results).size / 1024).toFixed(0)} KB, score ${JSON.parse(readFileSync(results, "utf8")).score}` : "NO results.json: the grader died"}`);
    }
    const plain = await autograde(["--batch", join(scratch, "class"), "--out", join(scratch, "plain"), "--jobs", String(jobs)]);
    show(`${count} submissions, --batch --jobs ${jobs}`, plain);
    console.log(`  ${rowsOf(join(scratch, "plain"))} rows of ${count} in gradebook.csv; ${(plain.seconds / count).toFixed(2)} s wall, ${(plain.cpu / count).toFixed(2)} s CPU per submission`);
    for (const flood of floods) cpSync(join(scratch, "flooded", flood), join(scratch, "class", flood), { recursive: true });
    const out = join(scratch, "batch");
    const batch = await autograde(["--batch", join(scratch, "class"), "--out", out, "--jobs", String(jobs)]);
    show(`${count} submissions and the floods, --batch --jobs ${jobs}`, batch);
    console.log(`  ${rowsOf(out)} rows of ${total} in gradebook.csv`);

    if (existsSync(join(out, "graded.jsonl"))) {
      const killedOut = join(scratch, "killed");
      const args = ["--batch", join(scratch, "class"), "--out", killedOut, "--jobs", String(jobs)];
      const killed = await autograde(args, { out: killedOut, rows: Math.floor(count / 2) });
      const resumed = await autograde(args);
      const same = readFileSync(join(out, "gradebook.csv"), "utf8") === readFileSync(join(killedOut, "gradebook.csv"), "utf8");
      console.log(`kill -9 after ${Math.floor(count / 2)} rows (${killed.seconds.toFixed(1)} s), then the same command: ${resumed.seconds.toFixed(1)} s; gradebook ${same ? "identical to" : "DIFFERENT from"} the uninterrupted run's`);
      if (!same) process.exitCode = 1;
    }
    console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" / ")}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
