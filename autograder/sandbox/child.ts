/**
 * The parent's half of one sandboxed run: start a child Node process under the permission model, hand it
 * a job and read its answers over a private pipe (fd 3), and stop it when it finishes, hangs, grows past
 * its memory cap or floods the pipe. Its stdout and stderr go nowhere, unread.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import * as ts from "typescript";
import type { CallResult } from "../core";
import { decode, type Call, type Frame, type Job } from "./runner";

/** What a sandboxed call gave back: the core's kinds, the ones `npm run check` reports. */
export type { CallResult };

/** Where the module lives and what the sandbox may read. */
export interface Target {
  entry: string;
  folder: string;
  mirror: string;
  packagesRoot: string;
  linkedPackages: Record<string, string>;
  /** Files and folders the child may read (besides its own runner); nothing else is readable. */
  readable: string[];
  compiled: Record<string, string>;
}

export interface Limits {
  /** Wall-clock limit for loading the module and for each call, in milliseconds. */
  caseTimeoutMs: number;
  /** Cap on the child's resident memory (and its V8 heap), in MiB. */
  memoryMb: number;
  /** Epoch milliseconds after which nothing more runs (the whole submission's budget). */
  deadline: number;
}

/** How one child ended, when it did not answer every call. `during` is "load", a call id, or "between". */
export interface Attempt {
  answers: CallResult[];
  failure?: { during: string; result: CallResult };
}

const MAX_CHANNEL_CHARS = 64e6;
const MEMORY_POLL_MS = 25;

export function runChild(target: Target, calls: Call[], limits: Limits): Promise<Attempt> {
  ignoreDebugSignal();
  const nonce = randomBytes(16).toString("hex");
  const job: Job = { nonce, entry: target.entry, folder: target.folder, mirror: target.mirror, packagesRoot: target.packagesRoot, linkedPackages: target.linkedPackages, compiled: target.compiled, calls };
  const runner = runnerFile();
  const flags = [
    "--experimental-permission",
    ...[...target.readable, runner].map((path) => `--allow-fs-read=${path}`),
    `--max-old-space-size=${limits.memoryMb}`,
    "--disable-warning=ExperimentalWarning",
  ];
  // Only fd 3 is a pipe: a pipe on 0-2 would hand student code a net.Socket (process.stdin.constructor).
  const child = spawn(process.execPath, [...flags, runner], { cwd: target.folder, env: {}, stdio: ["ignore", "ignore", "ignore", "pipe"] });
  const pipe = child.stdio[3] as Duplex;
  pipe.on("error", () => {}); // a child that dies at once breaks the pipe under us: the exit says why
  pipe.end(JSON.stringify(job));

  const answers: CallResult[] = [];
  let loaded = false;
  let current: string | undefined;
  let loadError: string | undefined;
  let stopReason: "timeout" | "memory" | "flood" | "done" | undefined;
  let received = 0;
  let pending = "";
  let timer: NodeJS.Timeout | undefined;
  let armedMs = 0;

  const stop = (reason: NonNullable<typeof stopReason>) => {
    stopReason ??= reason;
    child.kill("SIGKILL");
  };
  const arm = () => {
    clearTimeout(timer);
    armedMs = Math.max(0, Math.min(limits.caseTimeoutMs, limits.deadline - Date.now()));
    timer = setTimeout(() => stop("timeout"), armedMs);
  };
  const watchdog = setInterval(() => {
    if (child.pid !== undefined && residentMb(child.pid) > limits.memoryMb) stop("memory");
  }, MEMORY_POLL_MS);

  const onFrame = (frame: Frame) => {
    switch (frame.kind) {
      case "loaded":
        loaded = true;
        return arm();
      case "loadError":
        loadError = frame.message;
        return stop("done");
      case "start":
        if (!loaded || current !== undefined) return;
        current = frame.id;
        return arm();
      case "value":
      case "error":
      case "missing-export":
        if (frame.id !== current) return;
        answers.push(answer(frame));
        current = undefined;
        if (answers.length === calls.length) stop("done");
    }
  };
  pipe.setEncoding("utf8"); // decodes characters split across chunks
  pipe.on("data", (chunk: string) => {
    received += chunk.length;
    if (received > MAX_CHANNEL_CHARS) return stop("flood");
    const lines = (pending + chunk).split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      const frame = parseFrame(line, nonce);
      if (frame) onFrame(frame);
    }
  });
  arm();

  return new Promise((resolvePromise) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      clearInterval(watchdog);
      if (answers.length === calls.length) return resolvePromise({ answers });
      const during = loaded ? (current ?? "between") : "load";
      const result = explainExit(stopReason, code, signal, limits, armedMs);
      const load: CallResult = { kind: "load-error", message: loadError ?? `loading stopped: ${describeFailure(result)}` };
      resolvePromise({ answers, failure: { during, result: during === "load" ? load : result } });
    });
  });
}

function answer(frame: Frame & { kind: "value" | "error" | "missing-export" }): CallResult {
  if (frame.kind === "value") return { kind: "value", value: decode(frame.value) };
  if (frame.kind === "error") return { kind: "error", name: frame.name, message: frame.message };
  return { kind: "missing-export", exports: frame.exports };
}

function explainExit(reason: string | undefined, code: number | null, signal: string | null, limits: Limits, armedMs: number): CallResult {
  if (reason === "timeout") return { kind: "timeout", ms: armedMs };
  if (reason === "memory") return { kind: "crash", message: `it used more than ${limits.memoryMb} MiB of memory` };
  if (reason === "flood") return { kind: "crash", message: `it returned more than ${MAX_CHANNEL_CHARS / 1e6} million characters of results` };
  if (signal === "SIGABRT" || signal === "SIGTRAP") return { kind: "crash", message: `it aborted, most often by running out of memory (the limit is ${limits.memoryMb} MiB)` };
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
    default:
      return result.message;
  }
}

function parseFrame(line: string, nonce: string): Frame | undefined {
  try {
    const frame = JSON.parse(line) as Frame & { nonce?: unknown };
    return frame.nonce === nonce ? frame : undefined;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in MiB, from /proc (Linux); 0 where /proc is not available. */
function residentMb(pid: number): number {
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
    return (pages * 4096) / 2 ** 20;
  } catch {
    return 0;
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

let runnerPath: string | undefined;

/** runner.ts as CommonJS in a private temporary folder, written once per process. */
function runnerFile(): string {
  if (runnerPath) return runnerPath;
  const source = readFileSync(join(__dirname, "runner.ts"), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const folder = mkdtempSync(join(tmpdir(), "autograde-runner-"));
  process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
  runnerPath = join(folder, "runner.js");
  writeFileSync(runnerPath, outputText);
  return runnerPath;
}
