/**
 * The TypeScript kernel against tslab itself: one notebook of cells that exercise tslab's semantics (a
 * declaration seen by later cells, top-level await, Node's setImmediate, a last expression printed, objects
 * printed as Node prints them, a type error reported before the cell runs, an error thrown from a cell and from
 * the library, imports of "rnn-course" and "@tensorflow/tfjs"), run by nbmake-ts in the Node kernel and in
 * the site's JupyterLite. Every cell prints the same in both, but errors: tslab names a line of the compiled
 * JavaScript (`evalmachine.<anonymous>:7`), the browser kernel the cell's own line, which is asserted.
 * Completion is asked of both.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, sanitize } from "../../tools/nbmake-ts/src/config";
import { ROOT, builtSite, inCI, missingPieces, warnIfMissing } from "./built-site";
import { launch, runCells, text, type LiteBrowser, type NotebookJson } from "./jupyterlite";
import { serveFolder, type StaticSite } from "./static-server";

/** [source, raises] */
const CELLS: [string, boolean][] = [
  [
    'import * as tf from "@tensorflow/tfjs";\nimport { seed, sinusoid, formatVector } from "rnn-course";\nseed(1);\nconst values = Array.from(sinusoid(8, 4));',
    false,
  ],
  ["console.log(values.length, formatVector(values.slice(0, 3)));\nvalues.slice(0, 3)", false],
  [
    "let total = 0;\nfor (const v of values) total += Math.abs(v);\nfunction twice(x: number) {\n  return 2 * x;\n}",
    false,
  ],
  ["twice(total)", false],
  [
    "await new Promise((resolve) => setTimeout(resolve, 10));\nawait new Promise(setImmediate);\nconst t = tf.tensor1d([1, 2, 3]).mul(2);\nt.arraySync()",
    false,
  ],
  [
    'console.log({ shape: t.shape, dtype: t.dtype }, new Float32Array([1.5, 2]), new Map([["a", 1]]));',
    false,
  ],
  ['const bad: string = 5;\nconsole.log("this line must not run");', true],
  [
    "function deep(n: number) {\n  if (n > 1) return deep(n - 1);\n  throw new Error(`bottom at ${n}`);\n}\ndeep(3);",
    true,
  ],
  ["sinusoid(-1, 50);", true],
];

const missing = missingPieces();
warnIfMissing(missing);

it.runIf(inCI())("CI has everything the JupyterLite tests need", () => {
  expect(missing).toEqual([]);
});

describe.skipIf(missing.length > 0)("the TypeScript kernel, cell for cell against tslab", () => {
  let site: ReturnType<typeof builtSite>;
  let server: StaticSite;
  let browser: LiteBrowser;
  let node: NotebookJson;
  let lite: { outputs: string[]; completion: string[] };
  const scratch = mkdtempSync(join(ROOT, "node_modules", ".cache", "lite-kernel-"));

  beforeAll(async () => {
    site = builtSite();
    server = await serveFolder(site.folder);
    browser = await launch(server.base);
    const notebook = {
      cells: CELLS.map(([source, raises]) => ({
        cell_type: "code",
        source,
        metadata: raises ? { tags: ["raises-exception"] } : {},
        outputs: [],
        execution_count: null,
      })),
      metadata: {
        kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      },
      nbformat: 4,
      nbformat_minor: 5,
    };
    const path = join(scratch, "semantics.ipynb");
    writeFileSync(path, JSON.stringify(notebook));
    try {
      execFileSync(join(ROOT, "node_modules", ".bin", "nbmake-ts"), ["--overwrite", path], {
        cwd: ROOT,
        encoding: "utf8",
      });
    } catch (error) {
      throw new Error(
        `nbmake-ts could not run the cells in Node:\n${(error as { stdout?: string }).stdout}`,
      );
    }
    node = JSON.parse(readFileSync(path, "utf8")) as NotebookJson;
    const context = await browser.newContext();
    try {
      lite = await runCells(
        await context.newPage(),
        server.base,
        CELLS.map(([source]) => source),
        'import { s } from "rnn-course";',
      );
    } finally {
      await context.close();
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    site?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("prints what tslab prints, cell for cell, errors aside", () => {
    // tfjs greets Node users with a banner (nbmake-ts's sanitiser rules remove it, but for the line before).
    const { sanitize: rules } = loadConfig(ROOT);
    CELLS.forEach(([source, raises], i) => {
      if (raises) return;
      const printed = sanitize(
        (node.cells[i].outputs ?? []).map((o) => text(o.text)).join(""),
        rules,
      );
      expect(lite.outputs[i], source).toBe(printed.replace(/^\n(?=\[)/, ""));
    });
  });

  it("reports a type error as tslab does, before the cell runs", () => {
    const stored = (node.cells[6].outputs ?? []).map((o) => text(o.text)).join("");
    expect(stored).toBe("1:7 - Type 'number' is not assignable to type 'string'.\n");
    expect(lite.outputs[6]).toBe(stored);
  });

  it("names the cell's line where an error was thrown, with the stack through the cell", () => {
    expect(lite.outputs[7]).toMatch(
      /^<cell>:3\n  throw new Error\(`bottom at \$\{n\}`\);\n +\^\n\nError: bottom at 1\n/,
    );
    // The stack, through the cell and no further (the kernel's own frames left out).
    expect(lite.outputs[7]).toMatch(
      /\n {4}at deep \(<cell>:3:\d+\)\n {4}at deep \(<cell>:2:\d+\)\n {4}at deep \(<cell>:2:\d+\)\n {4}at eval \(<cell>:5:1\)\n$/,
    );
    expect(lite.outputs[8]).toMatch(
      /^<cell>:1\nsinusoid\(-1, 50\);\n\^\n\nArgumentError: n: expected a positive integer number of points, received -1\n/,
    );
    expect(lite.outputs[8]).toContain("argument: 'n'"); // the error's own properties, as Node prints them
  });

  it("completes names as tslab does", () => {
    expect(lite.completion).toContain("sinusoid");
    expect(lite.completion).toContain("seed");
  });
});
