/**
 * The operating-system layer of the sandbox. Each child that runs student code starts inside bubblewrap
 * (`bwrap`): new network, PID, IPC, UTS and mount namespaces; a read-only view of exactly the files it may
 * read (the Node installation, the system libraries, the paths it is given); an empty read-only /tmp and
 * /dev; no capabilities; a seccomp filter that refuses new processes; a file-size limit and no core dumps;
 * and it dies with its parent. Node's permission model runs inside it as the second layer.
 *
 * Where bubblewrap cannot start (not installed, or a container that forbids namespaces) the permission
 * model is the only layer: `describe` says so for the reports, and the mode "strict" refuses to grade.
 */
import { spawn } from "node:child_process";
import type { Writable } from "node:stream";
import { existsSync, lstatSync, readlinkSync, realpathSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { noNewProcessesFilter } from "./seccomp";

/** auto: the OS sandbox where it starts, else the permission model alone (said in the results); strict: the
 * OS sandbox or no grading; permission: the permission model alone, without trying the OS sandbox. */
export type IsolationMode = "auto" | "strict" | "permission";
export const ISOLATION_MODES: IsolationMode[] = ["auto", "strict", "permission"];

export interface Isolation {
  /** The bwrap executable when every child runs in the OS sandbox. */
  bwrap?: string;
  /** One line for the reports: what isolates student code, and why the OS layer is missing if it is. */
  summary: string;
}

/** What to spawn for one sandboxed Node process. */
export interface Launch {
  file: string;
  args: string[];
  /** Where the spawned process starts (bwrap itself starts at /; it moves the child into `cwd`). */
  cwd: string;
  /** Extra pipes after fd 3: bwrap's info (fd 4, it names the sandboxed process) and the seccomp filter (fd 5). */
  infoFd?: number;
  seccomp?: Buffer;
}

/** Largest file the child may write (it has nowhere writable; this bounds a hole in both layers). */
const MAX_FILE_BYTES = 1 << 20;
const PROBE_TIMEOUT_MS = 20_000;

/**
 * Limits, then closing every inherited descriptor above fd 3 (the grader's own parent may have left some
 * open: they must not reach student code), then Node; no process is started. bash closes any descriptor;
 * a plain POSIX sh (dash) can name only descriptors 0-9 in a redirection.
 */
function prelude(bash: boolean): string {
  const closable = bash ? "" : ' && [ "${#n}" -eq 1 ]';
  const clearEnvironment = bash ? " -c" : ""; // bash exports PWD and SHLVL to what it runs
  return `ulimit -c 0; ulimit -f ${MAX_FILE_BYTES / 512} 2>/dev/null; for fd in /proc/self/fd/*; do n=\${fd##*/}; [ "$n" -gt 3 ] 2>/dev/null${closable} && eval "exec $n>&-"; done; exec${clearEnvironment} "$@"`;
}

function shellPrefix(): string[] {
  if (existsSync("/bin/bash")) return ["/bin/bash", "-c", prelude(true), "bash"];
  return existsSync("/bin/sh") ? ["/bin/sh", "-c", prelude(false), "sh"] : [];
}

/**
 * The command that starts `node nodeArgs...` sandboxed. `mounts` are shown read-only at their own paths
 * (bwrap), `hidden` folders inside them empty and read-only, `cwd` is the child's working directory.
 */
export function launch(isolation: Isolation, nodeArgs: string[], mounts: string[], cwd: string, hidden: string[] = []): Launch {
  const node = realpathSync(process.execPath);
  const shell = shellPrefix();
  if (!isolation.bwrap) {
    // No namespaces: the child is the grader's direct child; setpriv kills it if the grader dies first.
    const setpriv = findExecutable("setpriv");
    const deathSignal = setpriv ? [setpriv, "--pdeathsig", "SIGKILL", "--"] : [];
    const [file, ...args] = [...deathSignal, ...shell, node, ...nodeArgs];
    return { file, args, cwd };
  }
  const seccomp = noNewProcessesFilter();
  const args = [
    "--unshare-all",
    "--die-with-parent",
    "--new-session",
    "--as-pid-1",
    "--cap-drop",
    "ALL",
    "--hostname",
    "sandbox",
    ...systemMounts(node),
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--tmpfs",
    "/tmp",
    ...mounts.flatMap((path) => ["--ro-bind", path, path]),
    ...hidden.flatMap((path) => ["--tmpfs", path, "--remount-ro", path]),
    // Read-only once the mounts inside them (a submission copy under /tmp) are in place.
    "--remount-ro",
    "/dev",
    "--remount-ro",
    "/tmp",
    "--chdir",
    cwd,
    "--info-fd",
    "4",
    ...(seccomp ? ["--seccomp", "5"] : []),
    "--",
    ...shell,
    node,
    ...nodeArgs,
  ];
  return { file: isolation.bwrap, args, cwd: "/", infoFd: 4, seccomp };
}

/** /usr, the top-level links or folders that lead into it (/bin, /lib64...), the loader's cache and Node. */
function systemMounts(node: string): string[] {
  const args = ["--ro-bind", "/usr", "/usr"];
  for (const path of ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]) {
    if (!existsSync(path)) continue;
    if (lstatSync(path).isSymbolicLink()) args.push("--symlink", readlinkSync(path), path);
    else args.push("--ro-bind", path, path);
  }
  if (existsSync("/etc/ld.so.cache")) args.push("--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache");
  if (!node.startsWith("/usr/")) args.push("--ro-bind", dirname(node), dirname(node));
  return args;
}

const detected = new Map<IsolationMode, Promise<Isolation>>();

/**
 * Which isolation this machine gives, found once per process: for "auto" and "strict", bubblewrap is
 * started once with the real setup; "strict" throws when it cannot start.
 */
export function isolationFor(mode: IsolationMode): Promise<Isolation> {
  let found = detected.get(mode);
  if (!found) {
    found = detect(mode);
    detected.set(mode, found);
  }
  return found;
}

const LAYERS = "bubblewrap (no network, read-only files, no new processes) and Node's permission model";

async function detect(mode: IsolationMode): Promise<Isolation> {
  if (mode === "permission") return { summary: "Node's permission model only (--isolation permission): no operating-system sandbox" };
  const problem = await probe();
  if (!problem) return { bwrap: findExecutable("bwrap"), summary: LAYERS };
  if (mode === "strict") throw new Error(`no operating-system sandbox: ${problem} (--isolation strict refuses to grade without one)`);
  return { summary: `WARNING: Node's permission model only; the operating-system sandbox could not start: ${problem}` };
}

/** Why bubblewrap cannot run a sandboxed Node here, or "" when it can. */
async function probe(): Promise<string> {
  const bwrap = findExecutable("bwrap");
  if (!bwrap) return "bwrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)";
  const how = launch({ bwrap, summary: "" }, ["-e", "0"], [], "/");
  return new Promise((resolve) => {
    const child = spawn(how.file, how.args, { cwd: how.cwd, env: {}, stdio: ["ignore", "ignore", "pipe", "ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-1000)));
    const pipe = (child.stdio as unknown as Writable[])[5];
    pipe.on("error", () => {});
    pipe.end(how.seccomp ?? Buffer.alloc(0));
    const timer = setTimeout(() => child.kill("SIGKILL"), PROBE_TIMEOUT_MS);
    child.on("error", (error) => resolve(`bwrap could not be started: ${error.message}`));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const why = stderr.trim().split("\n").pop() || (signal ? `killed by ${signal}` : `exit code ${code}`);
      resolve(code === 0 ? "" : `bwrap failed: ${why}`);
    });
  });
}

function findExecutable(name: string): string | undefined {
  const folders = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), "/usr/bin", "/usr/sbin", "/bin"];
  return folders.map((folder) => join(folder, name)).find((path) => existsSync(path));
}
