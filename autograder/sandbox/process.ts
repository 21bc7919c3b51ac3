/**
 * One sandboxed Node process: started inside the operating-system sandbox where there is one (see
 * isolation.ts), always under Node's permission model (it may read what it is given and write nothing,
 * start no process, worker or addon), with an empty environment, one private channel on fd 3, a memory
 * cap, and a stop that ends everything in the sandbox. It knows nothing about grading: what travels on
 * fd 3 is the caller's protocol. Its stdout and stderr go nowhere.
 */
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import type { Duplex, Readable, Writable } from "node:stream";
import { launch, type Isolation } from "./isolation";

export interface SandboxSpec {
  isolation: Isolation;
  /** The JavaScript the child runs (as `node -e`): it may import Node's built-in modules only. */
  script: string;
  /** What Node's permission model lets the child read; nothing else is readable. */
  readable: string[];
  /** What the OS sandbox shows, read-only, at the same paths (default `readable`; coarser is fine). */
  mounts?: string[];
  /** Folders inside `mounts` that the OS sandbox shows as empty (read-only). */
  hidden?: string[];
  /** The child's working directory (one of the readable folders). */
  cwd: string;
  /** Cap on the child's resident memory and on its V8 heap, MiB. */
  memoryMb: number;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why the sandbox was stopped, when it was: the first reason given to `stop` ("memory" for the cap). */
  reason?: string;
}

export interface SandboxedProcess {
  /** fd 3, the private channel: the caller writes the job and reads the answers. */
  channel: Duplex;
  /** Ends the sandbox and every process in it. The first reason is the one reported. */
  stop(reason: string): void;
  /** Settles once the sandbox is gone: its process exited and the channel closed. */
  closed: Promise<Exit>;
}

/** The permission model's flag: `--permission` since Node 22.13 and 23.5; Node 24 knows no other. */
const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";
/** Node 20.11 and later can keep the permission model's warning out of the (discarded) stderr. */
const QUIET = process.allowedNodeEnvironmentFlags.has("--disable-warning") ? ["--disable-warning=ExperimentalWarning"] : [];
const MEMORY_POLL_MS = 25;
/** How long bwrap may take to exit after its sandboxed process was killed, before it is killed too. */
const BWRAP_GRACE_MS = 2000;
/** Every sandbox still running, with how to kill it at once (bwrap and the process inside it together). */
const live = new Map<SandboxedProcess, () => void>();

export function startSandboxed(spec: SandboxSpec): SandboxedProcess {
  const flags = [
    PERMISSION_FLAG,
    ...spec.readable.map((path) => `--allow-fs-read=${path}`),
    "--no-addons",
    `--max-old-space-size=${spec.memoryMb}`,
    ...QUIET,
  ];
  const how = launch(spec.isolation, [...flags, "-e", spec.script], spec.mounts ?? spec.readable, spec.cwd, spec.hidden);
  // Only fd 3 is a pipe for the child: a pipe on 0-2 would hand student code a net.Socket (process.stdin).
  const extra = how.infoFd ? ["pipe", "pipe"] : [];
  const child = spawn(how.file, how.args, { cwd: how.cwd, env: {}, stdio: ["ignore", "ignore", "ignore", "pipe", ...extra] as ("pipe" | "ignore")[] });
  const channel = child.stdio[3] as Duplex;
  channel.on("error", () => {}); // a child that dies at once breaks the pipe under us: its exit says why
  if (how.seccomp) {
    const filter = (child.stdio as unknown as Writable[])[5];
    filter.on("error", () => {});
    filter.end(how.seccomp);
  }
  let reason: string | undefined;
  let sandboxed: number | undefined = how.infoFd ? undefined : child.pid;
  if (how.infoFd) readInfo(child.stdio[4] as Readable, child.pid, (pid) => (sandboxed = pid));

  let killed = false;
  const stop = (why: string) => {
    reason ??= why;
    if (killed) return;
    killed = true;
    if (sandboxed === undefined || sandboxed === child.pid) return void child.kill("SIGKILL");
    // The sandbox's PID 1: the kernel ends everything in its namespace, and bwrap, which reaps it, exits.
    signal(sandboxed);
    setTimeout(() => child.kill("SIGKILL"), BWRAP_GRACE_MS).unref();
  };
  // bwrap's own child may not have named itself on the info pipe yet (a sandbox that was starting): kill
  // what bwrap has started too, or it could outlive the grader.
  const killNow = () => {
    for (const pid of childrenOf(child.pid)) signal(pid);
    stop("the grader stopped");
    child.kill("SIGKILL");
  };
  const watchdog = setInterval(() => {
    if (sandboxed !== undefined && residentMb(sandboxed) > spec.memoryMb) stop("memory");
  }, MEMORY_POLL_MS);
  const closed = new Promise<Exit>((resolve) => {
    child.on("error", () => stop("spawn")); // "close" follows
    child.on("close", (code, signal) => {
      clearInterval(watchdog);
      live.delete(handle);
      resolve({ code, signal, reason });
    });
  });
  const handle: SandboxedProcess = { channel, stop, closed };
  live.set(handle, killNow);
  return handle;
}

/**
 * Kills every sandbox this process started, bwrap included (a grader stopped by a signal calls it just before
 * it exits: no grace period for bwrap then, as no timer would run to end it).
 */
export function stopAll(): void {
  for (const killNow of live.values()) killNow();
}

/**
 * bwrap writes `{"child-pid": N}` on its info pipe: the sandboxed process as this machine numbers it. It is
 * accepted only if bwrap is its parent, so nothing written on that pipe can point the watchdog elsewhere.
 */
function readInfo(info: Readable, bwrapPid: number | undefined, found: (pid: number) => void): void {
  let text = "";
  info.on("error", () => {});
  info.on("data", (chunk: Buffer) => {
    text += chunk.toString();
    if (text.length > 10_000) return info.destroy();
    try {
      const pid = (JSON.parse(text) as Record<string, unknown>)["child-pid"];
      if (typeof pid === "number" && parentOf(pid) === bwrapPid) found(pid);
      info.destroy();
    } catch {
      // not a whole document yet
    }
  });
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
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

/** SIGKILL to `pid`, if it is still there. */
function signal(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** The processes `pid` has started, as Linux lists them (none where it does not). */
function childrenOf(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}
