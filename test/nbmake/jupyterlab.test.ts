/**
 * A notebook saved by JupyterLab 4 after running it: cell ids of its own, execution counts, `execution`
 * timings and other cell metadata, the kernel's `language_info`, and chart outputs whose PNG JupyterLab's vega
 * renderer drew (one also with the SVG charts carried before). Regression mode compares what the notebook
 * computes, so it must accept such a notebook, and still catch a chart that changed.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { formatReport, loadConfig, runNotebook } from "../../tools/nbmake-ts/src";
import { fixture, repo, tempProject } from "./project";

const NOTEBOOK = "saved-by-jupyterlab.ipynb";
const VEGA_LITE = "application/vnd.vegalite.v5+json";

describe.concurrent("a notebook saved by JupyterLab", () => {
  it("has what JupyterLab adds (a check on the fixture itself)", () => {
    const notebook = JSON.parse(readFileSync(fixture(NOTEBOOK), "utf8"));
    const code = notebook.cells.filter((cell: { cell_type: string }) => cell.cell_type === "code");
    expect(notebook.metadata.language_info.name).toBe("typescript");
    expect(code.every((cell: { execution_count: number | null }) => cell.execution_count! > 1)).toBe(true);
    expect(code.every((cell: { metadata: object }) => "execution" in cell.metadata)).toBe(true);
    const charts = code.flatMap((cell: { outputs: { data?: Record<string, unknown> }[] }) => cell.outputs.filter((o) => o.data?.[VEGA_LITE]));
    expect(charts).toHaveLength(2);
    for (const chart of charts) expect(Object.keys(chart.data!)).toContain("image/png");
  });

  it("passes `npm run nbmake` in regression mode", async () => {
    const bin = join(repo, "tools", "nbmake-ts", "bin", "nbmake-ts.js");
    const { stdout } = await promisify(execFile)(process.execPath, [bin, fixture(NOTEBOOK)], { cwd: repo });
    expect(stdout).toContain("1 passed, 0 failed");
  });

  it("still fails when a chart's data changed", async () => {
    const project = tempProject(NOTEBOOK);
    try {
      const path = project.path(NOTEBOOK);
      const notebook = JSON.parse(readFileSync(path, "utf8"));
      const chart = notebook.cells[2].outputs[0].data[VEGA_LITE];
      chart.data.values[1].y = 0.75;
      writeFileSync(path, JSON.stringify(notebook, null, 1));
      const result = await runNotebook(path, { root: project.root, config: loadConfig(repo) });
      expect(result.passed).toBe(false);
      expect(result.mismatches.map((m) => m.message), formatReport(result, project.root)).toEqual([
        `${VEGA_LITE}.data.values[1].y: expected 0.75, got 0.5`,
      ]);
    } finally {
      project.remove();
    }
  });
});
