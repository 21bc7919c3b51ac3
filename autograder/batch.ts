/**
 * Grading what a command names: one submission, or a batch (one sub-folder per student), each submission
 * in a grading worker (workers.ts). A batch keeps a journal (journal.ts) and a gradebook.csv rewritten
 * whole after every submission: killed at any moment, it keeps every row it finished, and the same command
 * run again grades only the submissions without a finished row for the same submission, references, seed,
 * limits and grader, giving the gradebook an uninterrupted run gives.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { writeAtomic } from "./durable";
import { failedSubmission, type GradeOptions } from "./grade";
import { JournalRow, appendRow, graderKey, keyOf, readJournal } from "./journal";
import { writeReports } from "./outputs";
import { pool } from "./pool";
import { readBundle, type Bundle } from "./references/bundle";
import { withDrawnCases } from "./references/draw";
import { gradebookCsv, gradebookRow, type GradebookRow } from "./report/csv";
import { fingerprint } from "./sandbox/copy";
import type { Isolation } from "./sandbox/isolation";
import { gradingWorkers } from "./workers";

export interface Plan {
  submissions: string[];
  out: string;
  /** A batch: --out holds one folder per submission, gradebook.csv and the journal. */
  batch: boolean;
  /** Submissions at once (a batch), or exercises at once (one submission). */
  jobs: number;
  /** Grade every submission of the batch again, whatever the journal holds. */
  regrade: boolean;
  seed?: string;
  bundle: string;
  /** The bundle's exercises this command grades (--exercises). */
  select: (bundle: Bundle) => Bundle;
  options: Omit<GradeOptions, "jobs" | "isolation" | "onExercise">;
  isolation: Isolation;
  /** Makes `out` the grader's (tools/output-folder.ts), before the first file is written into it. */
  claim: () => void;
}

export async function gradeAll(plan: Plan, log: (line: string) => void): Promise<void> {
  const { submissions, out, batch } = plan;
  const keys = batch ? submissionKeys(plan) : new Map<string, string>();
  const journal = batch && !plan.regrade && existsSync(out) ? readJournal(out) : new Map<string, JournalRow>();
  const rows = new Map<string, GradebookRow>();
  for (const submission of submissions) {
    const row = journal.get(basename(submission));
    if (row?.complete && row.key === keys.get(submission) && existsSync(join(out, row.name, "results.json"))) rows.set(submission, row);
  }
  const todo = submissions.filter((submission) => !rows.has(submission));
  if (rows.size) log(`kept ${rows.size} of ${submissions.length} submissions, graded earlier with the same files, references, seed, limits and grader (--regrade grades them again)`);
  let bundle = plan.select(readBundle(plan.bundle));
  const columns = bundle.exercises.map((e) => e.meta.id);
  const writeGradebook = () => batch && writeAtomic(join(out, "gradebook.csv"), gradebookCsv(submissions.flatMap((s) => rows.get(s) ?? []), columns));
  if (plan.seed && todo.length) bundle = await withDrawnCases(bundle, plan.seed, plan.options.root, plan.isolation);
  plan.claim();
  mkdirSync(out, { recursive: true });
  if (!todo.length) return void writeGradebook();
  const workers = gradingWorkers({ bundle, options: { ...plan.options, jobs: batch ? 1 : plan.jobs, isolation: plan.isolation } });
  try {
    await pool(todo, batch ? plan.jobs : 1, async (submission) => {
      const reports = batch ? join(out, basename(submission)) : out;
      const graded = await workers.grade(submission, reports);
      let row: GradebookRow;
      if (graded.kind === "graded") {
        row = graded.row;
        log(`${row.name}: ${row.score} / ${row.maxScore} points (${graded.seconds.toFixed(1)} s)`);
      } else {
        const result = failedSubmission(submission, bundle, `its grading process ${graded.why}, twice`, plan.isolation);
        writeReports(reports, result);
        row = gradebookRow(result);
        log(`${row.name}: 0 / ${row.maxScore} points: the grader failed on it (its grading process ${graded.why}, twice)`);
      }
      if (!batch) return;
      // The gradebook first: a row in the journal is always in gradebook.csv too (one in the gradebook
      // but not yet in the journal, when a kill falls between the two, is graded again by a rerun).
      rows.set(submission, row);
      writeGradebook();
      appendRow(out, { ...row, key: keys.get(submission)!, complete: graded.kind === "graded" });
    });
  } finally {
    workers.close();
  }
}

/** Each submission's key: its fingerprint, with what every grade of this command depends on. */
function submissionKeys(plan: Plan): Map<string, string> {
  const { caseTimeoutMs, submissionTimeoutMs, memoryMb } = plan.options;
  const common = keyOf(
    graderKey(plan.options.root),
    readFileSync(plan.bundle, "utf8"),
    plan.seed ?? "",
    JSON.stringify(plan.select(readBundle(plan.bundle)).exercises.map((e) => e.meta.id)),
    JSON.stringify({ caseTimeoutMs, submissionTimeoutMs, memoryMb, isolation: plan.isolation.summary }),
  );
  return new Map(plan.submissions.map((submission) => [submission, keyOf(common, fingerprint(submission))]));
}
