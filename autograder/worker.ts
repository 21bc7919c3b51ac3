/**
 * A grading worker: a process of its own that grades the submissions `npx autograde` hands it, one at a
 * time (workers.ts), writes each one's reports and answers with its gradebook row. A submission that
 * exhausts this process (its memory, its stack) ends this process only: the command that started it keeps
 * its batch, its gradebook and its journal, and says which submission it was. When that command dies,
 * even by kill -9, the worker stops its sandboxes and removes its temporary files.
 */
import { failedSubmission, gradeSubmission, type GradeOptions } from "./grade";
import { writeReports } from "./outputs";
import { gradebookRow, type GradebookRow } from "./report/csv";
import type { Bundle } from "./references/bundle";
import { stopAll } from "./sandbox/process";
import { removeScratch } from "./sandbox/scratch";
import { stopOnSignals } from "./sandbox/signals";

export interface WorkerSetup {
  bundle: Bundle;
  options: Omit<GradeOptions, "onExercise">;
}

export type ToWorker = { kind: "setup"; setup: WorkerSetup } | { kind: "grade"; submission: string; reports: string };
export type FromWorker = { kind: "graded"; row: GradebookRow; seconds: number };

export function serve(): void {
  let setup: WorkerSetup | undefined;
  stopOnSignals();
  process.on("disconnect", () => {
    stopAll();
    removeScratch();
    process.exit(0);
  });
  process.on("message", (message: ToWorker) => {
    if (message.kind === "setup") setup = message.setup;
    else if (setup) void grade(setup, message.submission, message.reports).then((answer) => process.send?.(answer));
  });
}

async function grade({ bundle, options }: WorkerSetup, submission: string, reports: string): Promise<FromWorker> {
  let result;
  try {
    result = await gradeSubmission(submission, bundle, options);
  } catch (error) {
    result = failedSubmission(submission, bundle, (error as Error).message, options.isolation);
  }
  writeReports(reports, result);
  return { kind: "graded", row: gradebookRow(result), seconds: result.seconds };
}
