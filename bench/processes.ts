/** What the benchmarks read about running processes from Linux's /proc: a tree of processes and its memory. */
import { readdirSync, readFileSync } from "node:fs";

/** `pid` and every process below it (children of all its threads, recursively). */
export function descendants(pid: number): number[] {
  const children = (of: number): number[] => {
    try {
      return readdirSync(`/proc/${of}/task`).flatMap((task) =>
        readFileSync(`/proc/${of}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number),
      );
    } catch {
      return [];
    }
  };
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...children(all[i]));
  return all;
}

/** The command line of `pid`, arguments joined by spaces ("" once it has ended). */
export function command(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** Resident memory of `pid` in MiB (0 once it has ended). */
export function residentMb(pid: number): number {
  try {
    return (Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * 4096) / 2 ** 20;
  } catch {
    return 0;
  }
}
