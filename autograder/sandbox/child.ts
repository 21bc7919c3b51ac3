/**
 * The parent's half of one grading child: start the runner sandboxed (process.ts), hand it the job, read
 * its frames (protocol.ts) and stop it when it finishes, runs past a deadline, grows past its memory cap or
 * floods the channel. Deadlines are the parent's alone: the sandbox's start has one (STARTUP_MS), loading
 * the module has one from the runner's "ready" frame, each call gets its own when its "start" frame comes (at
 * most once per call, in order), and no frame ever extends one. Whatever
 * arrives, a failure here is a result for the case in progress, never an exception in the grader.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { MAX_LISTED, MAX_NAME_CHARS, MAX_TEXT_CHARS, clip, type CallResult } from "../core";
import type { Isolation } from "./isolation";
import { startSandboxed } from "./process";
import { transpileFile } from "./transpile";
import { LineReader, MAX_CHANNEL_BYTES, MAX_CONTAINERS, MAX_FRAME_BYTES, MAX_VALUE_DEPTH, decode, readFrame, type Call, type Frame, type Job, type LibraryRule } from "./protocol";

/** What a sandboxed call gave back, in the core's kinds. */
export type { CallResult };

/** Where the module lives and what the sandbox may read. */
export interface Target {
  entry: string;
  folder: string;
  mirror: string;
  packagesRoot: string;
  linkedPackages: Record<string, string>;
  /** Files and folders Node's permission model lets the child read; nothing else is readable. */
  readable: string[];
  /** What the OS sandbox shows (read-only): the same, in fewer, larger folders. */
  mounts: string[];
  /** Folders inside `mounts` that the OS sandbox shows empty (what the grader keeps compiled). */
  hidden: string[];
  compiled: Record<string, string>;
  /** Present when the exercise forbids the course's own implementation. */
  library?: LibraryRule;
}

/**
 * How long the sandbox may take to start (Node, the runner, the course library) before student code loads.
 * Not the student's time: on a busy machine it can take seconds, which must not fail a case.
 */
const STARTUP_MS = 60_000;

export interface Limits {
  /** Wall-clock limit for loading the module (from the runner's "ready") and for each call, in milliseconds. */
  caseTimeoutMs: number;
  /** Cap on the child's resident memory (and its V8 heap), in MiB. */
  memoryMb: number;
  /** Epoch milliseconds after which nothing more runs (the whole submission's budget). */
  deadline: number;
  isolation: Isolation;
  /** A function that ran out of time once is not called again (npm run check: an endless loop is reported at once). */
  oneTimeoutPerFunction?: boolean;
}

/**
 * What one child gave: each answer as `settle` turned it, as it arrived, and how the child ended when it
 * did not answer every call (`during` is "load", a call id, or "between").
 */
export interface Attempt<T> {
  answers: T[];
  failure?: { during: string; result: CallResult };
}

/** Turns the answer to `calls[index]` into what is kept of it (a grade, say): the value itself is dropped. */
export type Settle<T> = (result: CallResult, index: number) => T;

/** `script` is the child's program: the runner, or in tests a forger that knows the nonce. */
export function runChild<T>(target: Target, calls: Call[], limits: Limits, settle: Settle<T>, script = runnerScript()): Promise<Attempt<T>> {
  ignoreDebugSignal();
  const nonce = randomBytes(16).toString("hex");
  const job: Job = {
    nonce,
    entry: target.entry,
    folder: target.folder,
    mirror: target.mirror,
    packagesRoot: target.packagesRoot,
    linkedPackages: target.linkedPackages,
    compiled: target.compiled,
    library: target.library,
    calls,
    maxFrameBytes: MAX_FRAME_BYTES,
    maxValueDepth: MAX_VALUE_DEPTH,
    maxContainers: MAX_CONTAINERS,
  };
  const sandbox = startSandboxed({ isolation: limits.isolation, script, readable: target.readable, mounts: target.mounts, hidden: target.hidden, cwd: target.folder, memoryMb: limits.memoryMb });
  sandbox.channel.end(JSON.stringify(job));

  const answers: T[] = [];
  let phase: "start" | "load" | "idle" | "call" = "start";
  const loading = () => phase === "start" || phase === "load";
  let loadError: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let allowedMs = 0;
  /** The only place a deadline is set: when the sandbox starts, when student code loads, when a call starts. */
  const setDeadline = (ms = limits.caseTimeoutMs) => {
    clearTimeout(timer);
    allowedMs = Math.max(0, Math.min(ms, limits.deadline - Date.now()));
    timer = setTimeout(() => sandbox.stop("timeout"), allowedMs);
  };

  const onFrame = (frame: Frame) => {
    const next = calls[answers.length];
    if (frame.kind === "ready" && phase === "start") {
      phase = "load";
      setDeadline();
    } else if (frame.kind === "loaded" && loading()) phase = "idle";
    else if (frame.kind === "loadError" && loading()) {
      loadError = frame.message.slice(0, 4000);
      sandbox.stop("done");
    } else if (frame.kind === "start" && phase === "idle" && frame.id === next?.id) {
      phase = "call";
      setDeadline();
    } else if (isAnswer(frame) && phase === "call" && frame.id === next.id) {
      answers.push(settle(answer(frame), answers.length));
      phase = "idle";
      if (answers.length === calls.length) sandbox.stop("done");
    }
    // Anything else (a repeated "ready" or "loaded", a frame for another call) changes nothing.
  };
  const reader = new LineReader(`${nonce} `, (line) => {
    const frame = readFrame(line, nonce);
    if (frame) onFrame(frame);
  });
  sandbox.channel.on("data", (chunk: Buffer) => {
    try {
      const problem = reader.push(chunk);
      if (problem) sandbox.stop(problem);
    } catch (error) {
      sandbox.stop(`protocol: ${(error as Error).message}`);
    }
  });
  setDeadline(STARTUP_MS);

  return sandbox.closed.then((exit) => {
    clearTimeout(timer);
    if (answers.length === calls.length) return { answers };
    const during = loading() ? "load" : phase === "call" ? calls[answers.length].id : "between";
    const result = explainExit(exit.reason, exit.code, exit.signal, limits, allowedMs);
    const load: CallResult = { kind: "load-error", message: loadError ?? `loading stopped: ${describeFailure(result)}` };
    return { answers, failure: { during, result: during === "load" ? load : result } };
  });
}

type Answer = Frame & { kind: "value" | "error" | "unreadable" | "missing-export" };
const isAnswer = (frame: Frame): frame is Answer => frame.kind === "value" || frame.kind === "error" || frame.kind === "unreadable" || frame.kind === "missing-export";

/** A frame's answer, its student text cut to the lengths a report shows (core/limits.ts cuts again). */
function answer(frame: Answer): CallResult {
  if (frame.kind === "value") return { kind: "value", value: decode(frame.value) };
  if (frame.kind === "error") return { kind: "error", name: clip(frame.name, MAX_NAME_CHARS), message: clip(frame.message, MAX_TEXT_CHARS) };
  if (frame.kind === "unreadable") return { kind: "unreadable", message: clip(frame.message, MAX_TEXT_CHARS) };
  const exports = frame.exports.slice(0, MAX_LISTED).map((name) => clip(name, MAX_NAME_CHARS));
  const more = frame.exports.length - exports.length + Math.max(0, frame.more ?? 0);
  return more ? { kind: "missing-export", exports, more } : { kind: "missing-export", exports };
}

function explainExit(reason: string | undefined, code: number | null, signal: string | null, limits: Limits, allowedMs: number): CallResult {
  if (reason === "timeout") return { kind: "timeout", ms: allowedMs };
  if (reason === "memory") return { kind: "crash", message: `it used more than ${limits.memoryMb} MiB of memory` };
  if (reason === "flood") return { kind: "crash", message: `it returned more than ${MAX_CHANNEL_BYTES / 1e6} million characters of results` };
  if (reason === "frame too large") return { kind: "crash", message: `it sent an answer of more than ${MAX_FRAME_BYTES / 2 ** 20} MiB, more than the grader reads` };
  if (reason?.startsWith("protocol")) return { kind: "crash", message: `the grader could not read its answer (${reason})` };
  if (reason === "spawn") return { kind: "crash", message: "the sandbox could not start" };
  if (signal === "SIGABRT" || signal === "SIGTRAP") return { kind: "crash", message: `it aborted, most often by running out of memory (the limit is ${limits.memoryMb} MiB)` };
  if (signal === "SIGXFSZ") return { kind: "crash", message: "it tried to write a file (nothing is writable while grading)" };
  if (signal) return { kind: "crash", message: `the process was killed by ${signal}` };
  return { kind: "crash", message: `the process exited with code ${code} before returning` };
}

/** A failure in words (for a module that failed while loading, when no call is to blame). */
export function describeFailure(result: CallResult): string {
  switch (result.kind) {
    case "timeout":
      return `it took over ${result.ms / 1000} s`;
    case "missing-export":
      return `a function is missing (it exports: ${result.exports.join(", ")})`;
    case "value":
      return "it returned";
    case "unreadable":
      return result.message;
    default:
      return result.message;
  }
}

/**
 * SIGUSR1 opens a Node process's inspector, and anyone who can signal the grader could then run code in it.
 * The sandbox refuses signals, and this listener makes the grader deaf to SIGUSR1 anyway.
 */
function ignoreDebugSignal(): void {
  if (!process.listeners("SIGUSR1").includes(ignore)) process.on("SIGUSR1", ignore);
}
function ignore(): void {}

let runner: string | undefined;

/**
 * runner.ts as CommonJS, compiled once per process and passed to the child as its `-e` script, inside a
 * function: `node -e` runs a script in the global scope, where its functions would be properties of
 * globalThis and its constants globals that any module can name. In a function, they are the runner's alone.
 */
export function runnerScript(): string {
  return (runner ??= `(function (exports, require, module) {\n${transpileFile(join(__dirname, "runner.ts"))}\n})(exports, require, module);\n`);
}
