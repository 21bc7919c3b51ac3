/**
 * Loaded before every test file (vitest.config.ts, setupFiles): fails the file when its tests held the
 * worker's event loop for more than BLOCK_LIMIT_S seconds of CPU work in one go.
 *
 * Why: a vitest worker reports each test to the main process over RPC and gives up on an answer after 60 s.
 * The answer comes back within milliseconds, but it is only read when the worker's event loop turns again;
 * tests that run synchronously back to back (a spawnSync of `npm test`, a long loop) keep it from turning.
 * On a busy machine 25 s of such work takes over a minute, and the run ends red with
 * `[vitest-worker]: Timeout calling "onTaskUpdate"` although every test passed.
 *
 * The guard counts CPU, not wall time, so its verdict does not depend on the machine's load: the main
 * thread's own CPU plus that of child processes the tests waited for synchronously (spawnSync and friends).
 */
import { readFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { afterAll, afterEach, expect } from "vitest";

/** Three times slower under load (two busy loops beside the suite) still stays well inside the 60 s timeout. */
const BLOCK_LIMIT_S = 10;
const TICK_MS = 250;

const blocks: string[] = [];
const syncChildren = countSyncChildren();
/** Where things stood when the event loop last turned, and the tests that ended since. */
let turn = { at: performance.now(), cpu: mainThreadCpuS(), children: syncChildren.seconds };
let endedSinceTurn: string[] = [];

/** Measures the stretch since the loop last turned; `turning` when it is turning now (a timer fired). */
function check(turning: boolean): void {
  const now = { at: performance.now(), cpu: mainThreadCpuS(), children: syncChildren.seconds };
  const cpu = now.cpu - turn.cpu + (now.children - turn.children);
  const tooLong = cpu > BLOCK_LIMIT_S;
  if (tooLong) {
    const where = endedSinceTurn.length ? endedSinceTurn.map((name) => `"${name}"`).join(", ") : "hooks or collection";
    blocks.push(`${cpu.toFixed(1)} s of CPU (${((now.at - turn.at) / 1000).toFixed(1)} s wall) without a turn, in ${where}`);
  }
  if (turning || tooLong) {
    turn = now;
    endedSinceTurn = [];
  }
}
const ticker = setInterval(() => check(true), TICK_MS).unref();
// The runner goes from one test to the next without a turn of the loop: a stretch can span several tests.
afterEach(({ task }) => void endedSinceTurn.push(task.name));

/**
 * Children run synchronously block the loop for as long as they run: their CPU (/proc's cutime grows by it)
 * is counted in a total kept on globalThis. A worker process runs many test files (isolate: false), and
 * this file runs before each: the functions are wrapped once per process.
 */
function countSyncChildren(): { seconds: number } {
  const key: unique symbol = Symbol.for("rnn-course.test.sync-children");
  const shared = globalThis as { [key]?: { seconds: number } };
  if (shared[key]) return shared[key];
  const total = (shared[key] = { seconds: 0 });
  const childProcess = process.getBuiltinModule("node:child_process") as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ["spawnSync", "execSync", "execFileSync"]) {
    const original = childProcess[name];
    childProcess[name] = (...args: unknown[]) => {
      const before = childrenCpuS();
      try {
        return original(...args);
      } finally {
        total.seconds += childrenCpuS() - before;
      }
    };
  }
  syncBuiltinESMExports(); // `import { spawnSync } from "node:child_process"` sees the wrapper too
  return total;
}

afterAll(() => {
  clearInterval(ticker);
  check(false);
  expect(blocks, "tests kept the worker's event loop from turning; make them asynchronous (spawn, not spawnSync)").toEqual([]);
});

/** CPU seconds of this thread (Linux: /proc/thread-self; elsewhere the whole process, a safe overestimate). */
function mainThreadCpuS(): number {
  const fields = procStat("/proc/thread-self/stat");
  if (!fields) return process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6;
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of this process's children that have been waited for (Linux only; 0 elsewhere). */
function childrenCpuS(): number {
  const fields = procStat("/proc/self/stat");
  return fields ? (Number(fields[13]) + Number(fields[14])) / 100 : 0;
}

/** The fields after the command name of a /proc stat file (the name may hold spaces), or undefined. */
function procStat(path: string): string[] | undefined {
  try {
    const text = readFileSync(path, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}
