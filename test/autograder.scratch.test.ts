/**
 * A dead grading worker's sandboxes (autograder/sandbox/scratch.ts): the grader kills whatever names the
 * worker's scratch folder before it removes the folder, including a sandbox that names it only a moment
 * later (one the worker had forked as it was killed shows the worker's command line until it runs bwrap).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { runCommand } from "./run-command";

const root = join(__dirname, "..");
const scratch = mkdtempSync(join(tmpdir(), "autograder-scratch-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("a dead worker's sandbox that names its folder only after the worker died is killed too", async () => {
  const deadWorker = spawnSync("true").pid;
  const folder = join(scratch, `autograde-${deadWorker}-AbC123`);
  mkdirSync(join(folder, "submission"), { recursive: true });
  // Named nowhere in its command line for 1.5 s (longer than the grader below takes to start), then a
  // long-running process naming the folder.
  const script = join(scratch, "late.sh");
  writeFileSync(
    script,
    'sleep 1.5\nexec "$NODE" -e "setTimeout(() => {}, 60000)" "$FOLDER/submission"\n',
  );
  const late = spawn("sh", [script], {
    env: { PATH: process.env.PATH, NODE: process.execPath, FOLDER: folder },
    stdio: "ignore",
  });
  const ended = new Promise<string | null>((resolve) =>
    late.on("exit", (_, signal) => resolve(signal)),
  );
  try {
    const grader = await runCommand(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `require("./autograder/sandbox/scratch").removeScratchOf(${deadWorker})`,
      ],
      { cwd: root, env: { ...process.env, TMPDIR: scratch }, timeout: 30_000 },
    );
    expect(grader.status, grader.stderr).toBe(0);
    expect(await ended).toBe("SIGKILL");
    expect(existsSync(folder)).toBe(false);
  } finally {
    late.kill("SIGKILL");
  }
});
