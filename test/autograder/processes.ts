import { readFileSync, readdirSync } from "node:fs";

/**
 * Processes other than this one whose command line names `marker` (every sandbox of a grader names its
 * private folder), each as "pid: command line", so that a failure says what was left running.
 */
export function processesNaming(marker: string): string[] {
  return readdirSync("/proc")
    .filter((pid) => /^\d+$/.test(pid) && Number(pid) !== process.pid)
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
        return cmdline.includes(marker) ? [`${pid}: ${cmdline.replace(/\0/g, " ").slice(0, 200)}`] : [];
      } catch {
        return [];
      }
    });
}
