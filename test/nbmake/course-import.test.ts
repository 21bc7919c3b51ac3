/**
 * Proof that a notebook under lectures/ can import the course library by its package name. The notebook is
 * written into a hidden temporary folder inside lectures/ (notebook discovery skips hidden folders, so the
 * notebooks test never picks it up) and removed afterwards, with lectures/ itself if this test created it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ArgumentError } from "../../src";
import { formatReport, runNotebook } from "../../tools/nbmake-ts/src";
import { repo } from "./project";

it("a notebook in lectures/ imports rnn-course", async () => {
  expect(existsSync(join(repo, "dist", "index.js")), "the library is not built: run `npm run build`").toBe(true);
  const lectures = join(repo, "lectures");
  const created = !existsSync(lectures);
  mkdirSync(lectures, { recursive: true });
  const folder = mkdtempSync(join(lectures, ".nbmake-ts-"));
  try {
    const path = join(folder, "imports-course.ipynb");
    const code = ['import { ArgumentError } from "rnn-course";', 'new ArgumentError("steps", "a whole number", 2.5).message'];
    const cells = code.map((source) => ({ cell_type: "code", metadata: {}, source, outputs: [], execution_count: null }));
    writeFileSync(path, JSON.stringify({ cells, metadata: { kernelspec: { name: "tslab" } }, nbformat: 4, nbformat_minor: 5 }));

    const result = await runNotebook(path, { root: repo });
    expect(result.passed, formatReport(result, repo)).toBe(true);
    const printed = (result.notebook.cells[1].outputs as { text: string[] }[])[0].text.join("");
    expect(printed.trim()).toBe(new ArgumentError("steps", "a whole number", 2.5).message);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    if (created) rmdirSync(lectures);
  }
});
