/**
 * `npm run test:load [-- --loops N]`: the test suite on a busy machine. Starts N CPU-bound busy loops (2 by
 * default, as two other builds would), runs `npm test` beside them, prints its wall time and exits with its
 * status. The suite must pass this way too: no test may depend on having the machine to itself.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { UsageError, helpPointer, parseOptions } from "../tools/options";

const COMMAND = "npm run test:load";
const HELP = `Usage: npm run test:load [-- --loops N]

Runs npm test beside N CPU-bound busy loops, as on a machine busy with other work, and prints its
wall time. Exit status: npm test's own (0 when every test passed), 2 for bad usage.

Options:
  --loops N    how many busy loops (default 2)
  -h, --help   show this help`;

function loopCount(): number | undefined {
  const { values } = parseOptions(COMMAND, {
    options: { loops: { type: "string", default: "2" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) return undefined;
  const count = Number(values.loops);
  if (!/^\d+$/.test(values.loops!) || count > 64) {
    const received = JSON.stringify(values.loops);
    throw new UsageError(`${COMMAND}: --loops: expected a whole number from 0 to 64, received ${received}. ${helpPointer(COMMAND)}.`);
  }
  return count;
}

function runBeside(count: number): void {
  const loops: ChildProcess[] = Array.from({ length: count }, () => spawn(process.execPath, ["-e", "for (;;);"], { stdio: "ignore" }));
  const stopLoops = () => loops.forEach((loop) => loop.kill("SIGKILL"));
  process.on("exit", stopLoops);
  const began = performance.now();
  const test = spawn("npm", ["test"], { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => test.kill(signal));
  test.on("exit", (code, signal) => {
    const seconds = Math.round((performance.now() - began) / 1000);
    const verdict = code === 0 ? "passed" : `FAILED (${signal ?? `exit ${code}`})`;
    const beside = `${count} busy loop${count === 1 ? "" : "s"}`;
    console.log(`\n${COMMAND}: npm test beside ${beside} ${verdict} in ${Math.floor(seconds / 60)} min ${seconds % 60} s`);
    process.exit(code ?? 1);
  });
}

try {
  const count = loopCount();
  if (count === undefined) console.log(HELP);
  else runBeside(count);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
