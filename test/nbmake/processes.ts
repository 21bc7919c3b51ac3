/** Test helpers: which processes are alive, read from /proc (Linux, like CI). */
import { readdirSync, readFileSync } from "node:fs";

/** Live processes in process group `pgid` (a kernel leads its own group, with whatever its cells spawned). */
export function groupMembers(pgid: number): number[] {
  return livePids().filter((pid) => stat(pid)?.pgrp === pgid);
}

/** Waits (up to `ms`) for process group `pgid` to be empty: SIGKILL is delivered asynchronously. */
export async function groupGone(pgid: number, ms = 5_000): Promise<number[]> {
  const deadline = Date.now() + ms;
  while (groupMembers(pgid).length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return groupMembers(pgid);
}

/** Live children of `ppid`. */
export function childrenOf(ppid: number): number[] {
  return livePids().filter((pid) => stat(pid)?.ppid === ppid);
}

function livePids(): number[] {
  return readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map(Number);
}

function stat(pid: number): { ppid: number; pgrp: number } | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so split after the last ")".
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state, ppid, pgrp] = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return state === "Z" ? undefined : { ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch {
    return undefined; // exited while we looked
  }
}
