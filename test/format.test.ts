/**
 * Notebook formatting (`npm run format`, tools/format/): what the formatter does to a cell, that it keeps what
 * tslab and the release rely on, and that every course notebook is formatted, its code within the width.
 */
import { execFile, execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import * as prettier from "prettier";
import { afterAll, describe, expect, it } from "vitest";
import { findNotebooks } from "../tools/nbmake-ts/src/discover";
import { WIDTH, formatNotebook } from "../tools/format/notebook";
import { releaseNotebook } from "../tools/release/notebook";

const root = join(__dirname, "..");
const scratch = mkdtempSync(join(tmpdir(), "format-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface TestCell {
  cell_type: string;
  source: string[];
  metadata: { tags?: string[] };
  outputs?: unknown[];
}

const code = (source: string, tags?: string[]): TestCell => ({
  cell_type: "code",
  source: source.split(/(?<=\n)/),
  metadata: tags ? { tags } : {},
  outputs: [{ output_type: "stream", name: "stdout", text: ["kept\n"] }],
});
const markdown = (source: string): TestCell => ({ cell_type: "markdown", source: [source], metadata: {} });
const notebookText = (...cells: TestCell[]) => JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1) + "\n";
const cellsOf = (text: string) => (JSON.parse(text) as { cells: TestCell[] }).cells;
const sourceOf = (cell: TestCell) => cell.source.join("");

// Where the notebooks are, so prettier reads the project's settings (package.json) as it does for them.
const path = join(root, "lectures", "unsaved.ipynb");

describe("formatting a notebook", () => {
  it("formats code cells as tslab TypeScript, leaving markdown, tags and outputs as they were", async () => {
    const text = notebookText(
      markdown("A  *long*   line of prose that prettier would rewrap, " + "and more prose. ".repeat(10)),
      code('import {seed,show} from "rnn-course"\nconst x = await Promise.resolve( 1 )\nx', ["nbval-ignore-output"]),
    );
    const result = await formatNotebook(path, text);
    const [prose, cell] = cellsOf(result.text);
    expect(prose).toEqual(cellsOf(text)[0]);
    expect(sourceOf(cell)).toBe('import { seed, show } from "rnn-course";\nconst x = await Promise.resolve(1);\nx;');
    expect(cell.source).toEqual(['import { seed, show } from "rnn-course";\n', "const x = await Promise.resolve(1);\n", "x;"]);
    expect(cell.metadata).toEqual({ tags: ["nbval-ignore-output"] });
    expect(cell.outputs).toEqual(cellsOf(text)[1].outputs);
    expect(result.changed).toEqual([{ cell: 2, line: 1 }]);
    expect(result.problems).toEqual([]);
  });

  it("leaves a formatted notebook byte for byte as it was", async () => {
    const once = await formatNotebook(path, notebookText(code("const a   = [1,2,3]\nconsole.log( a )")));
    const twice = await formatNotebook(path, once.text);
    expect(twice.text).toBe(once.text);
    expect(twice.changed).toEqual([]);
    expect(twice.relaid).toBe(false);
  });

  it("writes a notebook whose code is formatted but whose file is not in nbformat's layout as Jupyter would", async () => {
    const cell = { ...code("const a = 1;"), metadata: { z: 1.0, a: 1e-5 } };
    const compact = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell] });
    const result = await formatNotebook(path, compact);
    expect(result.changed).toEqual([]);
    expect(result.relaid).toBe(true);
    expect(result.text).toContain('"metadata": {\n    "a": 1e-05,\n    "z": 1\n   },');
  });

  it("breaks long calls at the width, and names each line it cannot bring under it (a long string)", async () => {
    const call = `show(linesChart({ ${Array.from({ length: 12 }, (_, i) => `series${i}: values${i}`).join(", ")} }));`;
    const text = `const note = "${"x".repeat(WIDTH)}";`;
    const result = await formatNotebook(path, notebookText(code(call), markdown("prose"), code(`// a comment\n${text}`)));
    const [wrapped, , withString] = cellsOf(result.text);
    expect(sourceOf(wrapped).split("\n").every((line) => line.length <= WIDTH)).toBe(true);
    const lines = sourceOf(withString).split("\n");
    const wide = lines.findIndex((line) => line.includes("xxx"));
    expect(result.problems).toEqual([{ cell: 3, line: wide + 1, message: `${lines[wide].length} columns, over ${WIDTH}` }]);
  });

  it("counts columns in characters, not UTF-16 units or bytes", async () => {
    const line = `const s = "${"‖ρ".repeat(40)}${"ρ".repeat(WIDTH - 93)}";`; // WIDTH characters, more UTF-16 units
    expect([...line]).toHaveLength(WIDTH);
    expect((await formatNotebook(path, notebookText(code(line)))).problems).toEqual([]);
  });

  it("names a cell prettier cannot parse, with its line, and leaves it as it was", async () => {
    const broken = code("const a = 1;\nconst b = (;\n");
    const result = await formatNotebook(path, notebookText(broken, code("const c=2")));
    expect(result.problems).toEqual([{ cell: 1, line: 2, message: expect.stringMatching(/^prettier cannot parse it: /) }]);
    expect(cellsOf(result.text)[0]).toEqual(broken);
    expect(result.changed).toEqual([{ cell: 2, line: 1 }]);
  });

  it("keeps solution markers where the release looks for them, so released notebooks stay formatted", async () => {
    const solution = [
      "function mean(values: number[]): number {",
      "  // BEGIN SOLUTION",
      "  return values.reduce((a,b)=>a+b,0)/values.length",
      "  // END SOLUTION",
      "}",
      "mean([1, 2])",
    ].join("\n");
    const formatted = await formatNotebook(path, notebookText(code(solution, ["calls-student-code"])));
    expect(sourceOf(cellsOf(formatted.text)[0])).toContain("  // BEGIN SOLUTION\n  return values.reduce((a, b) => a + b, 0) / values.length;\n  // END SOLUTION\n");
    const released = releaseNotebook(formatted.text);
    expect(sourceOf(cellsOf(released)[0])).toContain("  // your code here\n}");
    expect((await formatNotebook(path, released)).changed).toEqual([]);
  });
});

describe("npm run format", () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child: ChildProcess = execFile(process.execPath, [join(root, "node_modules", ".bin", "tsx"), join(root, "tools", "format", "cli.ts"), ...args], { cwd: root }, (_, stdout) =>
        resolve({ code: child.exitCode, stdout }),
      );
    });

  it("--check names the cells to format and exits 1 writing nothing; without it, formats them and exits 0", async () => {
    const file = join(scratch, "demo.ipynb");
    const text = notebookText(markdown("# Demo"), code("const a=1"));
    writeFileSync(file, text);
    const checked = await run(["--check", file]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain(`${relative(root, file)}: cell 2, line 1: not formatted`);
    expect(readFileSync(file, "utf8")).toBe(text);
    const formatted = await run([scratch]);
    expect(formatted.code).toBe(0);
    expect(sourceOf(cellsOf(readFileSync(file, "utf8"))[1])).toBe("const a = 1;");
    expect((await run(["--check", file])).code).toBe(0);
  });

  it("exits 1 on a line it cannot bring under the width, naming notebook, cell and line", async () => {
    mkdirSync(join(scratch, "wide"));
    const file = join(scratch, "wide", "wide.ipynb");
    writeFileSync(file, notebookText(code(`const s = "${"y".repeat(WIDTH)}";`)));
    const { code: exit, stdout } = await run([file]);
    expect(exit).toBe(1);
    expect(stdout).toMatch(`${relative(root, file)}: cell 1, line 2: ${WIDTH + 5} columns, over ${WIDTH}`);
  });
});

describe("the course's notebooks", () => {
  const notebooks = findNotebooks(["lectures", "exercises", "solutions"].map((folder) => join(root, folder)));

  it.each(notebooks.map((notebook) => [relative(root, notebook), notebook]))("%s: code cells formatted, within the width, in nbformat's layout", async (name, notebook) => {
    const { changed, relaid, problems } = await formatNotebook(notebook, readFileSync(notebook, "utf8"));
    const messages = [
      ...(relaid && !changed.length ? [`${name}: not written as Jupyter writes it (run npm run format)`] : []),
      ...changed.map(({ cell, line }) => `${name}: cell ${cell}, line ${line}: not formatted (run npm run format)`),
      ...problems.map(({ cell, line, message }) => `${name}: cell ${cell}, line ${line}: ${message}`),
    ];
    expect(messages, messages.join("\n")).toEqual([]);
  });
});

describe("the library's source", () => {
  // src/ is what students read (and what sourceOf prints into lectures): it stays as the project's prettier
  // writes it. Run `npx prettier --write src` after editing.
  const files = execFileSync("git", ["ls-files", "src/*.ts"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter(Boolean);

  it("is formatted with the project's prettier settings", async () => {
    const config = await prettier.resolveConfig(join(root, "package.json"));
    const unformatted: string[] = [];
    for (const file of files) {
      const path = join(root, file);
      if (!(await prettier.check(readFileSync(path, "utf8"), { ...config, filepath: path })))
        unformatted.push(file);
    }
    expect(files.length).toBeGreaterThan(40);
    expect(
      unformatted,
      `not formatted (npx prettier --write src): ${unformatted.join(", ")}`,
    ).toEqual([]);
  });

  it("keeps its comments within 100 columns, which prettier does not wrap (code examples in them aside)", () => {
    const long = files.flatMap((file) =>
      readFileSync(join(root, file), "utf8")
        .split("\n")
        .flatMap((line, i) => ([...line].length > 100 && isProse(line) ? [`${file}:${i + 1}`] : [])),
    );
    expect(long, "comment lines over 100 columns").toEqual([]);
  });
});

/** A comment line of prose: after its marker (//, *, /**) a word, not the indentation of an example or table. */
function isProse(line: string): boolean {
  return /^\s*(\/\/|\/\*\*|\*)( \S|$)/.test(line);
}
