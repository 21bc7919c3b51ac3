/**
 * Autograder speed (a benchmark, not a test): one submission, then a batch of 100 (solutions, untouched
 * stubs and seeded wrong implementations, mixed), both through the autograde command line.
 * Targets: one submission under 10 s and 100 under 5 minutes on 2 cores.
 *
 *   npm run bench:autograder -- [count=100] [jobs=2]
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { writeBundle } from "../autograder/references/bundle";
import { buildBundle } from "../autograder/references/build";
import { mutations } from "../test/autograder/fixtures/wrong";

const root = join(__dirname, "..");
const count = Number(process.argv[2] ?? 100);
const jobs = Number(process.argv[3] ?? 2);

function seconds(work: () => void): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Submission k: a solution, the stubs, or a solution with one planted bug, in turn. */
function makeSubmission(folder: string, k: number): void {
  const kind = k % (2 + mutations.length);
  cpSync(join(root, kind === 1 ? "exercises" : "solutions"), join(folder, "exercises"), { recursive: true });
  if (kind < 2) return;
  const m = mutations[kind - 2];
  const path = join(folder, "exercises", m.exercise, m.file);
  writeFileSync(path, readFileSync(path, "utf8").replace(m.from, m.to));
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), "autograder-bench-"));
  try {
    const bundle = join(scratch, "bundle.json");
    let built!: Awaited<ReturnType<typeof buildBundle>>;
    const started = Date.now();
    built = await buildBundle(root);
    writeBundle(bundle, built);
    console.log(`build the bundle (${built.exercises.length} exercises): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (let k = 0; k < count; k++) makeSubmission(join(scratch, "class", `student-${String(k).padStart(3, "0")}`), k);
    const cli = [join(root, "autograder", "bin", "autograde.js")];
    const autograde = (...args: string[]) => execFileSync(process.execPath, [...cli, ...args, "--bundle", bundle], { stdio: "ignore" });
    const one = seconds(() => autograde(join(scratch, "class", "student-000"), "--out", join(scratch, "one"), "--jobs", String(jobs)));
    console.log(`one submission, whole command: ${one.toFixed(1)} s`);
    const seeded = seconds(() => autograde(join(scratch, "class", "student-000"), "--out", join(scratch, "seeded"), "--jobs", String(jobs), "--seed", "bench"));
    console.log(`one submission with --seed (draws and answers fresh hidden cases first): ${seeded.toFixed(1)} s`);
    const batch = seconds(() => autograde("--batch", join(scratch, "class"), "--out", join(scratch, "batch"), "--jobs", String(jobs)));
    console.log(`${count} submissions, --batch --jobs ${jobs}: ${batch.toFixed(1)} s (${(batch / count).toFixed(2)} s each)`);
    console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" / ")}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
