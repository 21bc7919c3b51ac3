/**
 * `npm run test:load [-- --loops N]`: the test suite on a busy machine. Starts N CPU-bound busy loops (2 by
 * default, as two other builds would), runs `npm test` beside them, prints its wall time and exits with its
 * status. The suite must pass this way too: no test may depend on having the machine to itself.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { loops: { type: "string", default: "2" } } });
const count = Number(values.loops);
if (!Number.isInteger(count) || count < 0) {
  console.error(`test:load: --loops: expected a whole number >= 0, received ${values.loops}`);
  process.exit(2);
}

const loops: ChildProcess[] = Array.from({ length: count }, () => spawn(process.execPath, ["-e", "for (;;);"], { stdio: "ignore" }));
const stopLoops = () => loops.forEach((loop) => loop.kill("SIGKILL"));
process.on("exit", stopLoops);

const began = performance.now();
const test = spawn("npm", ["test"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => test.kill(signal));
test.on("exit", (code, signal) => {
  const seconds = Math.round((performance.now() - began) / 1000);
  const verdict = code === 0 ? "passed" : `FAILED (${signal ?? `exit ${code}`})`;
  console.log(`\ntest:load: npm test beside ${count} busy loop${count === 1 ? "" : "s"} ${verdict} in ${Math.floor(seconds / 60)} min ${seconds % 60} s`);
  process.exit(code ?? 1);
});
