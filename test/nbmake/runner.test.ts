import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig, runNotebook, formatReport, type NotebookResult } from "../../tools/nbmake-ts/src";
import { notebookText } from "../../tools/nbformat";
import { groupGone } from "./processes";
import { fixture, repo, tempProject } from "./project";

const config = loadConfig(repo);
const kernels: number[] = [];

async function run(path: string, options: Parameters<typeof runNotebook>[1] = {}): Promise<NotebookResult> {
  const result = await runNotebook(path, { root: repo, config, ...options });
  if (result.kernelPid) kernels.push(result.kernelPid);
  return result;
}

describe.concurrent("fixture notebooks, all at once", () => {
  describe("that must fail", () => {
    it("an error in cell 3: names the notebook, the cell, its source and the kernel's error text", async () => {
      const result = await run(fixture("error-in-cell-3.ipynb"));
      expect(result.passed).toBe(false);
      expect(result.failure).toMatchObject({ kind: "error", cell: 2 });
      const report = formatReport(result, repo);
      expect(report).toContain("error-in-cell-3.ipynb, cell 3");
      expect(report).toContain("throw new Error(`boom in cell 3");
      expect(report).toContain("Error: boom in cell 3 (b = 2)");
    });

    it("a throwing cell right after a raises-exception cell fails with its own error, not an abort", async () => {
      const result = await run(fixture("throw-after-expected-error.ipynb"));
      expect(result.failure).toMatchObject({ kind: "error", cell: 1 });
      expect(result.failure?.message).toContain("unexpected, right after an expected error");
    });

    it("a type error fails with the compiler's message", async () => {
      const result = await run(fixture("type-error.ipynb"));
      expect(result.failure).toMatchObject({ kind: "error", cell: 0 });
      expect(result.failure?.message).toMatch(/not assignable to type 'number'/);
    });

    it("an infinite loop is interrupted at the notebook's timeout (metadata.nbmake_ts.timeout = 2)", async () => {
      const result = await run(fixture("infinite-loop.ipynb"));
      expect(result.failure).toMatchObject({ kind: "timeout", cell: 0 });
      expect(result.failure?.message).toContain("2 s timeout");
    });

    it("process.exit in a cell fails naming that cell", async () => {
      const result = await run(fixture("process-exit.ipynb"));
      expect(result.failure).toMatchObject({ kind: "died", cell: 1 });
    });

    it("a changed output fails in regression mode and passes with --no-regress", async () => {
      const [regress, plain] = await Promise.all([run(fixture("changed-output.ipynb")), run(fixture("changed-output.ipynb"), { regress: false })]);
      expect(regress.failure).toBeUndefined();
      expect(regress.mismatches).toHaveLength(1);
      expect(regress.mismatches[0].message).toBe('stdout stream line 1: expected "2", got "3"');
      expect(plain.passed).toBe(true);
    });
  });

  describe("that must pass", () => {
    it("runs every feature: values, streams, raises-exception, skip-execution, charts", async () => {
      const result = await run(fixture("passes.ipynb"));
      expect(result.passed, formatReport(result, repo)).toBe(true);
      expect(result.skipped).toEqual([7]);
    });

    it("--overwrite writes nbformat 4.5 outputs atomically; the next run compares them and passes", async () => {
      const project = tempProject("passes.ipynb");
      try {
        const path = project.path("passes.ipynb");
        const written = await run(path, { root: project.root, overwrite: true });
        expect(written.written, formatReport(written)).toBe(true);
        const notebook = JSON.parse(readFileSync(path, "utf8"));
        expect(notebook.nbformat_minor).toBe(5);
        expect(new Set(notebook.cells.map((cell: { id: string }) => cell.id)).size).toBe(notebook.cells.length);
        expect(notebook.cells[1].execution_count).toBe(1);
        expect(notebook.cells[1].outputs).toEqual([{ name: "stdout", output_type: "stream", text: ["[ 1, 4, 9 ]\n"] }]);
        expect(notebook.cells[6].outputs[0].text).toEqual(["the cell after an expected error runs\n"]);
        expect(notebook.cells[7].outputs).toEqual([]); // skip-execution: never run, nothing stored
        expect(readdirSync(project.root).filter((name) => name.endsWith(".tmp"))).toEqual([]);
        // The kernel's own description, as a front end stores it on connecting (so opening it changes nothing).
        expect(notebook.metadata.language_info).toEqual(expect.objectContaining({ name: "typescript", file_extension: ".ts", mimetype: "text/typescript" }));
        expect(readFileSync(path, "utf8")).toBe(notebookText(notebook));

        const again = await run(path, { root: project.root });
        expect(again.passed, formatReport(again)).toBe(true);
        expect(again.uncompared).toEqual([]);

        notebook.cells[4].source = "Math.sqrt(2) * 1.01e6";
        writeFileSync(path, JSON.stringify(notebook));
        const changed = await run(path, { root: project.root });
        expect(changed.mismatches.map((mismatch) => mismatch.cell)).toEqual([4]);
      } finally {
        project.remove();
      }
    });

    it("--overwrite leaves the file untouched when the outputs come out the same again", async () => {
      const project = tempProject("changed-output.ipynb");
      try {
        const path = project.path("changed-output.ipynb");
        expect((await run(path, { root: project.root, overwrite: true })).written).toBe(true);
        const before = statSync(path);
        const again = await run(path, { root: project.root, overwrite: true });
        expect(again.passed && !again.written, formatReport(again)).toBe(true);
        expect([statSync(path).ino, statSync(path).mtimeMs]).toEqual([before.ino, before.mtimeMs]);
      } finally {
        project.remove();
      }
    });

    it("--overwrite leaves a failing notebook untouched", async () => {
      const project = tempProject("error-in-cell-3.ipynb");
      try {
        const before = readFileSync(project.path("error-in-cell-3.ipynb"), "utf8");
        const result = await run(project.path("error-in-cell-3.ipynb"), { root: project.root, overwrite: true });
        expect(result.written).toBe(false);
        expect(readFileSync(project.path("error-in-cell-3.ipynb"), "utf8")).toBe(before);
      } finally {
        project.remove();
      }
    });
  });
});

describe("cleanup", () => {
  it("no kernel process (nor anything it spawned) outlives its notebook", async () => {
    expect(kernels.length).toBeGreaterThan(0);
    expect((await Promise.all(kernels.map((pid) => groupGone(pid)))).flat()).toEqual([]);
  });
});
