/**
 * `await runChecks("ex01")` from an exercise notebook: the same report as `npm run check ex01`,
 * printed in the notebook. It checks the module next to the notebook (the solution in solutions/,
 * the student's file in exercises/) and reports rather than throws, so a notebook still runs to the
 * end while exercises are unfinished.
 */
import { spawnSync } from "node:child_process";
import { basename, dirname, join } from "node:path";
import { check } from "./errors";

/**
 * Runs the public checks of exercise `id` (e.g. "ex01") and prints the report; true when all
 * passed.
 */
export function runChecks(id: string, options: { timeoutMs?: number } = {}): boolean {
  check(/^ex\d+/.test(id), "id", 'an exercise id such as "ex01"', id);
  const root = join(__dirname, "..");
  const here = process.cwd();
  const dir =
    basename(here) === id || basename(here).startsWith(`${id}-`)
      ? dirname(here)
      : join(root, "exercises");
  const args = ["--import", "tsx", join(root, "tools", "check", "cli.ts"), id, "--dir", dir];
  if (options.timeoutMs) args.push("--timeout", `${options.timeoutMs}ms`);
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  console.log((run.stdout + run.stderr).trimEnd());
  return run.status === 0;
}
