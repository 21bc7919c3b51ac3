/**
 * How much time nbmake-ts adds on top of the kernel's own work, on a notebook of 40 cells (~50 ms each,
 * printing a value) in regression mode. Kernel work = its start-up (spawn until its first reply, on the
 * kernel's clock) + each cell's busy-to-idle time (kernel's clock); everything else is runner overhead:
 * reading and checking the notebook, message round trips, waiting for idle, comparing, shutting down.
 * Run: npm run bench:nbmake -- [runs]
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, runNotebook } from "../tools/nbmake-ts/src";

const repo = join(__dirname, "..");
const runs = Number(process.argv[2] ?? 3);
const cells = Array.from({ length: 40 }, (_, i) => `const t${i} = Date.now();\nwhile (Date.now() - t${i} < 50);\n${i} * Math.PI`);

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "nbmake-ts-bench-"));
  symlinkSync(join(repo, "node_modules"), join(root, "node_modules"), "dir");
  const path = join(root, "bench.ipynb");
  const notebook = { cells: cells.map((source) => ({ cell_type: "code", metadata: {}, source, outputs: [], execution_count: null })), metadata: { kernelspec: { name: "tslab" } }, nbformat: 4, nbformat_minor: 5 };
  writeFileSync(path, JSON.stringify(notebook));
  const config = loadConfig(repo);
  try {
    await runNotebook(path, { root, config, overwrite: true }); // stores outputs, so later runs compare every cell
    for (let run = 1; run <= runs; run++) {
      const result = await runNotebook(path, { root, config });
      if (!result.passed) throw new Error(`the bench notebook failed: ${JSON.stringify(result.failure ?? result.mismatches)}`);
      const kernel = result.kernelStartMs + result.kernelMs;
      const overhead = result.ms - kernel;
      console.log(
        `run ${run}: total ${result.ms.toFixed(0)} ms = kernel start ${result.kernelStartMs.toFixed(0)} + cells ${result.kernelMs.toFixed(0)} ` +
          `+ runner ${overhead.toFixed(0)} ms (${((100 * overhead) / kernel).toFixed(1)}% of the kernel's own time; ` +
          `of which ${(result.startMs - result.kernelStartMs).toFixed(0)} ms waiting for the started kernel to answer)`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
