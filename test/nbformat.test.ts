/**
 * Notebooks are written as Jupyter writes them (tools/nbformat.ts). The references come from Python's nbformat
 * (scripts/nbformat/make_fixture.py); and every committed notebook must survive a read and write by nbformat
 * itself byte for byte, which needs a Python with nbformat: found, it runs here; missing, the test is skipped
 * loudly on a developer's machine and fails in CI (CI=true), where .ci/run installs Debian's python3-nbformat.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findNotebooks } from "../tools/nbmake-ts/src/discover";
import { notebookText, pythonNumber, writeNotebookFile } from "../tools/nbformat";

const root = join(__dirname, "..");
const fixture = (name: string) => join(__dirname, "fixtures", "nbformat", name);
const pythonWrites = readFileSync(fixture("python-writes.ipynb"), "utf8");
const jupyterSaves = readFileSync(fixture("jupyter-saves.ipynb"), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "nbformat-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("notebookText: nbformat's serialisation", () => {
  it("writes a notebook saved by a front end byte for byte as nbformat wrote it", () => {
    expect(notebookText(JSON.parse(jupyterSaves))).toBe(jupyterSaves);
  });

  it("writes what Python wrote as a front end's save would: numbers, lines joined and split again", () => {
    expect(pythonWrites).not.toBe(jupyterSaves); // the fixture holds what a save changes: 1.0, -0.0, 1e+16, odd line splits
    expect(notebookText(JSON.parse(pythonWrites))).toBe(jupyterSaves);
  });

  it("drops what nbformat strips as transient: the signature, orig_nbformat, a cell's trusted flag", () => {
    const notebook = JSON.parse(jupyterSaves);
    Object.assign(notebook.metadata, { signature: "sha256:0", orig_nbformat: 3, orig_nbformat_minor: 0 });
    notebook.cells[0].metadata.trusted = true;
    expect(notebookText(notebook)).toBe(jupyterSaves);
  });

  it("refuses a number JSON cannot hold, rather than write what no front end reads", () => {
    expect(() => pythonNumber(NaN)).toThrow(/cannot hold NaN/);
    expect(() => notebookText({ cells: [], metadata: { x: Infinity } })).toThrow(/cannot hold Infinity/);
  });
});

describe("writeNotebookFile", () => {
  const notebook = JSON.parse(jupyterSaves);

  it("writes the bytes, atomically (no temporary file left), and says so", () => {
    const path = join(scratch, "new.ipynb");
    expect(writeNotebookFile(path, notebook)).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(jupyterSaves);
    expect(readdirSync(scratch).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("leaves a file that already holds those bytes untouched: same inode, same modification time", () => {
    const path = join(scratch, "same.ipynb");
    writeFileSync(path, jupyterSaves);
    const before = statSync(path);
    expect(writeNotebookFile(path, notebook)).toBe(false);
    const after = statSync(path);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it("rewrites a file holding the same notebook in another layout", () => {
    const path = join(scratch, "other-layout.ipynb");
    writeFileSync(path, JSON.stringify(notebook));
    expect(writeNotebookFile(path, notebook)).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(jupyterSaves);
  });
});

/** The first Python that has nbformat: $PYTHON, the python3 on PATH, Debian's. */
function pythonWithNbformat(): string | undefined {
  const candidates = [process.env.PYTHON, "python3", "/usr/bin/python3"].filter((python): python is string => Boolean(python));
  return candidates.find((python) => spawnSync(python, ["-c", "import nbformat"]).status === 0);
}

/** Reads each file with nbformat and writes it back as nbformat.write does; prints the files that changed. */
const ROUND_TRIP = `
import json, sys, nbformat
changed = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    again = nbformat.writes(nbformat.reads(text, as_version=4))
    again = again if again.endswith("\\n") else again + "\\n"
    if again != text:
        lines = [i + 1 for i, (a, b) in enumerate(zip(text.splitlines(), again.splitlines())) if a != b]
        changed.append({"path": path, "lines": lines[:5], "lengths": [len(text), len(again)]})
print(json.dumps({"version": nbformat.__version__, "changed": changed}))
`;

describe("every committed notebook, read and written by Python's nbformat", () => {
  it("comes back byte for byte", (context) => {
    const python = pythonWithNbformat();
    if (!python) {
      const missing = "no Python with nbformat (apt-get install python3-nbformat, or pip install nbformat)";
      if (process.env.CI === "true") throw new Error(missing);
      console.warn(`\n${"=".repeat(72)}\n  NBFORMAT ROUND TRIP SKIPPED: ${missing}\n  (in CI, with CI=true, it fails)\n${"=".repeat(72)}\n`);
      return context.skip();
    }
    const notebooks = [...findNotebooks(["lectures", "exercises", "solutions"].map((folder) => join(root, folder))), fixture("jupyter-saves.ipynb")];
    expect(notebooks.length).toBeGreaterThan(20);
    const run = spawnSync(python, ["-c", ROUND_TRIP, ...notebooks], { encoding: "utf8", maxBuffer: 1 << 24 });
    expect(run.status, run.stderr).toBe(0);
    const { changed } = JSON.parse(run.stdout) as { changed: { path: string; lines: number[] }[] };
    const report = changed.map(({ path, lines }) => `${relative(root, path)}: lines ${lines.join(", ")} differ (npm run format writes it as nbformat does)`);
    expect(report, report.join("\n")).toEqual([]);
  });
});
