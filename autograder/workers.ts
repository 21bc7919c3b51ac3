/**
 * The grading workers of one `npx autograde` command (worker.ts): up to --jobs processes, each grading one
 * submission at a time. When a worker dies while grading (out of memory, killed), the submission is tried
 * once more in a fresh worker, so that a worker worn by earlier submissions is not the one blamed; dying
 * twice, it is a submission that exhausts the grader, and its row says so.
 */
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { removeScratchOf } from "./sandbox/scratch";
import type { FromWorker, ToWorker, WorkerSetup } from "./worker";

const WORKER = join(__dirname, "bin", "grading-worker.js");
/** How long a worker told to stop (a signal) may take to stop its sandboxes, before it is killed. */
const STOP_GRACE_MS = 5000;
const ATTEMPTS = 2;

/** Every worker still running, in any command of this process. */
const live = new Set<ChildProcess>();
/** Set once the command is stopped by a signal: no worker starts after that. */
let stopping = false;

export type Graded = FromWorker | { kind: "died"; why: string };

export interface Workers {
  /** Grades `submission`, its reports written into `reports`. */
  grade(submission: string, reports: string): Promise<Graded>;
  /** Lets every idle worker end (they stop when their channel closes). */
  close(): void;
}

export function gradingWorkers(setup: WorkerSetup): Workers {
  const idle: ChildProcess[] = [];
  const start = () => {
    const worker = fork(WORKER, [], { stdio: ["ignore", "ignore", "inherit", "ipc"], serialization: "advanced" });
    live.add(worker);
    worker.once("exit", () => live.delete(worker));
    worker.on("error", () => {}); // a send to a worker that just died: its exit says so
    send(worker, { kind: "setup", setup });
    return worker;
  };
  return {
    async grade(submission, reports) {
      for (let attempt = 1; ; attempt++) {
        if (stopping) return new Promise<never>(() => {}); // the command is exiting: no row is written
        const worker = idle.pop() ?? start();
        const graded = await gradeIn(worker, submission, reports);
        if (graded.kind === "graded") {
          idle.push(worker);
          return graded;
        }
        if (attempt === ATTEMPTS) return graded;
      }
    },
    close() {
      for (const worker of idle.splice(0)) if (worker.connected) worker.disconnect();
    },
  };
}

function gradeIn(worker: ChildProcess, submission: string, reports: string): Promise<Graded> {
  return new Promise((resolve) => {
    const finish = (graded: Graded) => {
      worker.off("message", onMessage);
      worker.off("exit", onExit);
      worker.off("error", onError);
      resolve(graded);
    };
    const onMessage = (message: FromWorker) => {
      if (message?.kind === "graded") finish(message);
    };
    // It died without cleaning up: its sandboxes are gone before its row is written.
    const onExit = async (code: number | null, signal: NodeJS.Signals | null) => {
      if (worker.pid !== undefined) await removeScratchOf(worker.pid);
      finish({ kind: "died", why: signal ? `was killed by ${signal}` : `exited with code ${code}` });
    };
    // A worker that could not start at all (no process, so no exit to wait for).
    const onError = (error: Error) => {
      if (worker.pid === undefined) finish({ kind: "died", why: `could not start (${error.message})` });
    };
    worker.on("message", onMessage);
    worker.once("exit", onExit);
    worker.on("error", onError);
    send(worker, { kind: "grade", submission, reports });
  });
}

function send(worker: ChildProcess, message: ToWorker): void {
  if (worker.connected) worker.send(message);
}

/** Passes `signal` on to every worker and waits, a few seconds at most, for them to stop their sandboxes. */
export async function stopWorkers(signal: NodeJS.Signals): Promise<void> {
  stopping = true;
  const exits = [...live].map((worker) => {
    if (worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.kill(signal);
    const timer = setTimeout(() => worker.kill("SIGKILL"), STOP_GRACE_MS);
    return exited.then(() => clearTimeout(timer));
  });
  await Promise.all(exits);
}
