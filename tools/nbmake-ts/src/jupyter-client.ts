/**
 * A Jupyter client: drives the course's kernel (tslab, ../../kernel/kernel.js) over ZeroMQ as a front end
 * would. We write the connection file (ports picked by the OS, a random HMAC key), spawn the kernel in its own
 * process group with the notebook's folder as working directory, and talk to it on shell (requests), iopub
 * (outputs, busy/idle) and control (shutdown). Node only, no Python.
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as zmq from "zeromq";
import { CLIENT_PRELOAD, serveCompiler } from "./compiler";
import { decode, encode, request, type Message } from "./message";
import { OutputCollector, type Output } from "./outputs";
import { freePorts, releasePorts } from "./ports";
import { KERNEL, kernelTslab } from "./project";
import { adopt, killGroup } from "./reaper";

export type Status = "ok" | "error" | "aborted" | "timeout" | "died";

export interface Execution {
  status: Status;
  executionCount: number | null;
  outputs: Output[];
  /** What the cell wrote to stderr: tslab's error messages arrive there. */
  stderr: string;
  /** Busy to idle, measured on the kernel's clock. */
  kernelMs: number;
}

interface Waiter {
  onReply(message: Message): void;
  onIopub(message: Message): void;
}

const HOST = "127.0.0.1";
const START_ATTEMPTS = 3;
const INTERRUPT_GRACE_MS = 1_000;
const SHUTDOWN_GRACE_MS = 1_000;

export class JupyterClient {
  private readonly session = randomBytes(16).toString("hex");
  private readonly key = randomBytes(32).toString("hex");
  private readonly shell = new zmq.Dealer({ linger: 0 });
  private readonly control = new zmq.Dealer({ linger: 0 });
  private readonly iopub = new zmq.Subscriber({ linger: 0 });
  private readonly waiters = new Map<string, Waiter>();
  private readonly exitWatchers = new Set<() => void>();
  private exited = false;
  /** How the kernel process ended: its exit code, or the signal that killed it. */
  exitStatus?: { code: number | null; signal: NodeJS.Signals | null };
  private log = "";
  private readonly child: ChildProcess;
  readonly pid: number;
  private readonly spawnedAt = Date.now();
  private firstReplyAt = NaN;
  /** The kernel's language_info, from its kernel_info reply: what front ends store in a notebook's metadata. */
  languageInfo: Record<string, unknown> = {};

  /**
   * Starts a kernel; retries with fresh ports when another process took one in the meantime. With
   * `sharedCompiler`, its TypeScript work is done by this process's compile service (compiler.ts).
   */
  static async start(cwd: string, options: { sharedCompiler?: boolean; timeoutMs?: number } = {}): Promise<JupyterClient> {
    const { sharedCompiler = true, timeoutMs = 30_000 } = options;
    for (let attempt = 1; ; attempt++) {
      const kernel = new JupyterClient(cwd, sharedCompiler, await freePorts(5, HOST));
      try {
        await kernel.handshake(timeoutMs);
        return kernel;
      } catch (error) {
        await kernel.shutdown();
        if (!(error instanceof PortTaken) || attempt === START_ATTEMPTS) throw error;
      }
    }
  }

  private constructor(
    cwd: string,
    sharedCompiler: boolean,
    readonly ports: number[],
    private readonly folder = mkdtempSync(join(tmpdir(), "nbmake-ts-")),
  ) {
    const [shell, iopub, stdin, control, hb] = ports;
    const connection = { transport: "tcp", ip: HOST, key: this.key, signature_scheme: "hmac-sha256", shell_port: shell, iopub_port: iopub, stdin_port: stdin, control_port: control, hb_port: hb };
    const file = join(folder, "connection.json");
    writeFileSync(file, JSON.stringify(connection), { mode: 0o600 });
    // detached: the kernel leads its own process group, so killing the group also ends what its cells spawned.
    const preload = sharedCompiler ? CLIENT_PRELOAD : [];
    const stdio: StdioOptions = sharedCompiler ? ["ignore", "pipe", "pipe", "pipe"] : ["ignore", "pipe", "pipe"];
    this.child = spawn(process.execPath, [...preload, KERNEL, "--config-path", file], { cwd, detached: true, stdio });
    this.pid = this.child.pid!;
    adopt(this.pid);
    if (sharedCompiler && this.child.stdio[3]) serveCompiler(kernelTslab(), this.child);
    this.child.stdout!.on("data", (chunk) => this.record(chunk));
    this.child.stderr!.on("data", (chunk) => this.record(chunk));
    this.child.on("exit", (code, signal) => ((this.exitStatus = { code, signal }), this.onExit()));
    this.child.on("error", (error) => this.record(String(error)));
    this.shell.connect(`tcp://${HOST}:${shell}`);
    this.control.connect(`tcp://${HOST}:${control}`);
    this.iopub.connect(`tcp://${HOST}:${iopub}`);
    this.iopub.subscribe();
    this.pump(this.shell, (message) => this.waiterOf(message)?.onReply(message));
    this.pump(this.control, (message) => this.waiterOf(message)?.onReply(message));
    this.pump(this.iopub, (message) => this.waiterOf(message)?.onIopub(message));
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Spawn until the kernel's first reply (its clock): the kernel's own start-up time. */
  get bootMs(): number {
    return this.firstReplyAt - this.spawnedAt;
  }

  /** The kernel process's own output (startup errors, crashes), last few kB. */
  get processLog(): string {
    return this.log;
  }

  /**
   * Runs one cell; resolves when the kernel has replied and gone idle, timed out, or died. Calls may overlap, as
   * a front end's Run All sends every cell at once: the kernel runs them in order. With `stopOnError` (the
   * default, as for an untagged cell), an error aborts the requests queued behind it.
   */
  async execute(code: string, timeoutMs: number, { stopOnError = true } = {}): Promise<Execution> {
    const message = request(this.session, "execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: stopOnError });
    const outputs = new OutputCollector();
    let busyAt = NaN;
    let idleAt = NaN;
    let reply: Message | undefined;
    let stopWatching = () => {};
    const finished = new Promise<Status>((resolve) => {
      const settle = () => reply && !Number.isNaN(idleAt) && resolve(reply.content.status);
      this.waiters.set(message.header.msg_id, {
        onReply: (m) => ((reply = m), settle()),
        onIopub: (m) => {
          if (m.header.msg_type !== "status") return outputs.add(m);
          if (m.content.execution_state === "busy") busyAt = Date.parse(m.header.date);
          if (m.content.execution_state === "idle") (idleAt = Date.parse(m.header.date)), settle();
        },
      });
      stopWatching = this.onceExited(() => resolve("died"));
    });
    await this.shell.send(encode(message, this.key));
    let status = await withTimeout(finished, timeoutMs);
    if (status === undefined) {
      this.interrupt();
      await withTimeout(finished, INTERRUPT_GRACE_MS);
      status = "timeout";
    }
    this.waiters.delete(message.header.msg_id);
    stopWatching();
    const count = reply?.content.execution_count;
    return { status, executionCount: typeof count === "number" ? count : null, outputs: outputs.outputs, stderr: outputs.stderr(), kernelMs: idleAt - busyAt };
  }

  /**
   * Sends any other message, on shell or control (comm_info_request, comm_open, interrupt_request...); resolves
   * once the kernel has gone idle after it and, with `replies` (true unless the message gets no reply, as
   * comm_open), has replied: with the reply and everything published on iopub meanwhile.
   */
  async request(msgType: string, content: Record<string, unknown>, { replies = true, timeoutMs = 10_000, channel = "shell" as "shell" | "control" } = {}): Promise<{ reply?: Message; published: Message[] }> {
    const message = request(this.session, msgType, content);
    const published: Message[] = [];
    let reply: Message | undefined;
    let idle = false;
    const done = new Promise<void>((resolve) => {
      const settle = () => idle && (reply || !replies) && resolve();
      this.waiters.set(message.header.msg_id, {
        onReply: (m) => ((reply = m), settle()),
        onIopub: (m) => {
          published.push(m);
          if (m.header.msg_type === "status" && m.content.execution_state === "idle") (idle = true), settle();
        },
      });
    });
    await this[channel].send(encode(message, this.key));
    const answered = await withTimeout(done.then(() => true), timeoutMs);
    this.waiters.delete(message.header.msg_id);
    if (!answered) throw new Error(`the kernel did not answer a ${msgType} within ${timeoutMs / 1000} s`);
    return { reply, published };
  }

  /**
   * The kernel's interrupt_mode is "signal": SIGINT stops a synchronous cell, fails a cell waiting on a promise
   * and tells the course library's loops to stop at their next step.
   */
  interrupt(): void {
    if (this.alive) this.child.kill("SIGINT");
  }

  /** Asks the kernel to exit, then kills its whole process group anyway; always safe to call. */
  async shutdown(): Promise<void> {
    const exited = new Promise<void>((resolve) => void this.onceExited(resolve));
    if (this.alive) {
      this.control.send(encode(request(this.session, "shutdown_request", { restart: false }), this.key)).catch(() => {});
      await withTimeout(exited, SHUTDOWN_GRACE_MS);
    }
    killGroup(this.pid);
    await withTimeout(exited, SHUTDOWN_GRACE_MS);
    for (const socket of [this.shell, this.control, this.iopub]) socket.close();
    rmSync(this.folder, { recursive: true, force: true });
    releasePorts(this.ports);
  }

  /**
   * Repeats kernel_info_request until one is answered on shell and seen on iopub: then the subscription is
   * live and no output can be missed. Requests sent while the kernel boots wait in ZeroMQ's queue; once it
   * replies, a request whose status we did not see on iopub is resent after a few milliseconds.
   */
  private async handshake(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let ready = false;
    while (!ready) {
      if (this.exited) throw new Error(`the tslab kernel exited while starting:\n${this.log}`);
      if (/EADDRINUSE|Address already in use/.test(this.log)) throw new PortTaken();
      if (Date.now() > deadline) throw new Error(`the tslab kernel did not answer within ${timeoutMs / 1000} s:\n${this.log}`);
      const message = request(this.session, "kernel_info_request", {});
      let replied = false;
      let published = false;
      let stopWatching = () => {};
      const answered = new Promise<boolean>((resolve) => {
        const settle = () => replied && published && resolve(true);
        const onReply = (reply: Message) => {
          if (Number.isNaN(this.firstReplyAt)) this.firstReplyAt = Date.parse(reply.header.date);
          this.languageInfo = reply.content.language_info;
          replied = true;
          settle();
          setTimeout(() => resolve(false), 10);
        };
        this.waiters.set(message.header.msg_id, { onReply, onIopub: () => ((published = true), settle()) });
        stopWatching = this.onceExited(() => resolve(false));
      });
      await this.shell.send(encode(message, this.key));
      ready = (await withTimeout(answered, 250)) === true;
      stopWatching();
    }
    this.waiters.clear();
  }

  private waiterOf(message: Message): Waiter | undefined {
    return this.waiters.get(message.parent_header.msg_id ?? "");
  }

  private async pump(socket: zmq.Dealer | zmq.Subscriber, onMessage: (message: Message) => void): Promise<void> {
    try {
      for await (const frames of socket) onMessage(decode(frames, this.key));
    } catch {
      // The socket was closed: the kernel is being shut down.
    }
  }

  private record(text: string | Buffer): void {
    this.log = (this.log + text.toString()).slice(-4_000);
  }

  /** Calls back once the kernel process has exited; returns a function that cancels the call. */
  private onceExited(callback: () => void): () => void {
    if (this.exited) callback();
    else this.exitWatchers.add(callback);
    return () => this.exitWatchers.delete(callback);
  }

  private onExit(): void {
    this.exited = true;
    for (const callback of this.exitWatchers) callback();
    this.exitWatchers.clear();
  }
}

class PortTaken extends Error {}

/** The promise's value, or undefined when `ms` passes first. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
