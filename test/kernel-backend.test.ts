/**
 * A fresh notebook's tensors run on the course's default backend, wasm, from its first cell: the course's
 * kernel starts it before it answers (tools/kernel/backend.js), so a student's first tfjs cell neither runs
 * on tfjs's plain-JavaScript cpu backend nor prints the banner tfjs shows there; useDevice still chooses
 * afterwards.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatReport, loadConfig, runNotebook } from "../tools/nbmake-ts/src";

const root = join(__dirname, "..");
const { startDefaultBackend } = require("../tools/kernel/backend.js") as {
  startDefaultBackend(
    env: Record<string, string | undefined>,
  ): Promise<{ backend: string | null; why: string }>;
};

const scratch = mkdtempSync(join(tmpdir(), "kernel-backend-"));
symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"), "dir");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const FIRST_CELL = `import * as tf from "@tensorflow/tfjs";
const x = tf.tensor([1, 2, 3]);
console.log(\`\${tf.getBackend()}: \${x.sum().dataSync()[0]}\`);`;
const DEVICE_CELL = `import { useDevice } from "rnn-course";
console.log(\`useDevice: \${(await useDevice()).backend}\`);`;

/** A notebook of code cells, for the course's kernel. */
function notebookOf(sources: string[]) {
  const cell = (source: string) => ({
    cell_type: "code",
    metadata: {},
    execution_count: null,
    outputs: [],
    source,
  });
  return {
    cells: sources.map(cell),
    metadata: { kernelspec: { name: "tslab" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Everything a cell printed, stdout and stderr. */
function printedBy(cell: { outputs?: unknown[] }): string {
  return (cell.outputs as { text?: string | string[] }[])
    .map((o) => [o.text ?? ""].flat().join(""))
    .join("");
}

/** Runs `sources` as a fresh notebook in the course's kernel; fails the test if a cell fails. */
async function run(name: string, sources: string[]) {
  const path = join(scratch, `${name}.ipynb`);
  writeFileSync(path, JSON.stringify(notebookOf(sources)));
  const result = await runNotebook(path, {
    root: scratch,
    config: loadConfig(root),
    regress: false,
  });
  expect(result.passed, formatReport(result, scratch)).toBe(true);
  return result.notebook.cells.map(printedBy);
}

describe("the course's kernel", () => {
  it("runs a fresh notebook's first tfjs cell on wasm, without tfjs's banner, and useDevice still chooses", async () => {
    expect(await run("fresh", [FIRST_CELL, DEVICE_CELL])).toEqual([
      "wasm: 6\n",
      "useDevice: wasm\n",
    ]);
  });

  it("survives a cell's unhandled rejection with the wasm backend loaded, as tslab means it to", async () => {
    // Node reports the rejection before any timer fires: while the cell still runs, so in its output.
    const forgotten =
      'void Promise.reject(new Error("forgotten"));\nawait new Promise((resolve) => setTimeout(resolve, 10));';
    const printed = await run("rejection", [FIRST_CELL, forgotten, 'console.log("alive");']);
    expect(printed[1]).toContain("forgotten");
    expect(printed[2]).toBe("alive\n");
  });

  it("leaves tfjs alone when COURSE_BACKEND asks for another backend, for useDevice to start that one", async () => {
    for (const forced of ["cpu", "webgpu", "tensorflow"]) {
      await expect(startDefaultBackend({ COURSE_BACKEND: forced })).resolves.toEqual({
        backend: null,
        why: `COURSE_BACKEND=${forced}`,
      });
    }
  });
});
