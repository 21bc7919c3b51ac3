/**
 * Calls a student's functions in a child process, one case at a time, each with a time limit: a student's
 * infinite loop, process.exit or stack overflow costs that case only. After a timeout or a crash the child
 * is replaced and the remaining cases go on.
 */
import { ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { CallResult, decode, encode } from "../../autograder/core";
import type { Reply } from "./child";

/** What the child tells the parent: a call's result, or (once, first) that the module has loaded. */
type Message = CallResult | { kind: "ready" };

export interface Call {
  fn: string;
  args: unknown[];
}

const CHILD = join(__dirname, "child.ts");

/** How long loading tsx and the student's module may take (a top-level infinite loop ends here). */
const STARTUP_MS = 30_000;

/** Runs every call against the module at `modulePath`; one result per call, in order. */
export async function callAll(modulePath: string, calls: Call[], timeoutMs: number): Promise<CallResult[]> {
  const results: CallResult[] = [];
  let child: Child | undefined;
  for (const call of calls) {
    child ??= new Child(modulePath);
    const result = await child.call(call, timeoutMs);
    results.push(result);
    if (result.kind === "load-error") {
      // The module does not load: every remaining call would fail the same way.
      while (results.length < calls.length) results.push(result);
      break;
    }
    if (result.kind === "timeout" || result.kind === "crash") {
      child.kill();
      child = undefined;
    }
  }
  child?.kill();
  return results;
}

/** One child process running tools/check/child.ts under tsx (so the student's TypeScript runs as written). */
class Child {
  private process: ChildProcess;
  private buffer = "";
  private pending?: (message: Message) => void;
  private stderr = "";
  /** Replies that came before anyone waited for them. */
  private early: Message[] = [];

  constructor(modulePath: string) {
    this.process = spawn(process.execPath, ["--import", "tsx", CHILD, modulePath], {
      cwd: join(__dirname, "..", ".."),
      stdio: ["pipe", "ignore", "pipe", "pipe"],
    });
    this.process.stderr?.on("data", (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-2000)));
    (this.process.stdio[3] as NodeJS.ReadableStream).on("data", (d: Buffer) => this.receive(d.toString()));
    this.process.on("exit", (code, signal) => {
      const why = this.stderr.trim().split("\n").filter(Boolean).slice(-3).join(" / ");
      this.settle({ kind: "crash", message: `the process stopped (${signal ?? `exit code ${code}`})${why ? `: ${why}` : ""}` });
    });
    this.process.stdin?.on("error", () => undefined); // a dead child is reported by "exit"
  }

  private started = false;

  async call(call: Call, timeoutMs: number): Promise<CallResult> {
    if (!this.started) {
      const ready = await this.wait(STARTUP_MS);
      if (ready.kind !== "ready") return ready.kind === "timeout" ? { kind: "load-error", message: `loading the module took over ${STARTUP_MS / 1000} s (is there an endless loop outside any function?)` } : ready;
      this.started = true;
    }
    this.process.stdin?.write(encode(call) + "\n");
    const reply = await this.wait(timeoutMs);
    return reply.kind === "ready" ? { kind: "crash", message: "internal error: unexpected reply" } : reply;
  }

  /** The next reply from the child, or a timeout / crash. */
  private wait(timeoutMs: number): Promise<Message> {
    const early = this.early.shift();
    if (early) return Promise.resolve(early);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle({ kind: "timeout", ms: timeoutMs }), timeoutMs);
      this.pending = (result) => {
        clearTimeout(timer);
        resolve(result);
      };
    });
  }

  kill(): void {
    this.pending = () => undefined; // swallow the "exit" that follows
    this.process.kill("SIGKILL");
  }

  private receive(text: string): void {
    this.buffer += text;
    let newline: number;
    while ((newline = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      this.settle(received(JSON.parse(line) as Reply));
    }
  }

  private settle(message: Message): void {
    const resolve = this.pending;
    this.pending = undefined;
    if (resolve) resolve(message);
    else this.early.push(message);
  }
}

/** A reply as the child wrote it, its value still in the core's NaN-safe JSON, made a Message. */
function received(reply: Reply): Message {
  return reply.kind === "value" ? { kind: "value", value: decode(reply.value) } : reply;
}
