/**
 * The shared compiler (tools/nbmake-ts/src/compiler.ts): kernels hand their TypeScript work to one warm
 * compiler in the runner. The course notebooks' regression tests show that it reproduces what the kernels'
 * own compilers stored; these tests compare both ways directly and check that a stopped service fails loudly.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareOutputs, formatReport, loadConfig, runNotebook } from "../../tools/nbmake-ts/src";
import { stopCompilers } from "../../tools/nbmake-ts/src/compiler";
import { JupyterClient } from "../../tools/nbmake-ts/src/jupyter-client";
import { tagsOf } from "../../tools/nbmake-ts/src/notebook";
import { runCommand } from "../run-command";
import { fixture, repo } from "./project";

const config = loadConfig(repo);
const bothWays = (name: string) =>
  Promise.all([false, true].map((sharedCompiler) => runNotebook(fixture(name), { root: repo, config, sharedCompiler, regress: false })));

describe.concurrent("the same results as the kernel's own compiler", () => {
  it("outputs of every feature: values, streams, expected errors, charts", async () => {
    const [own, shared] = await bothWays("passes.ipynb");
    expect([own.passed, shared.passed]).toEqual([true, true]);
    own.notebook.cells.forEach((cell, index) => {
      if (cell.cell_type !== "code" || tagsOf(cell).includes("nbval-ignore-output")) return;
      expect(compareOutputs(cell.outputs ?? [], shared.notebook.cells[index].outputs ?? [], config), `cell ${index}`).toBeUndefined();
    });
  });

  it("a type error's message", async () => {
    const [own, shared] = await bothWays("type-error.ipynb");
    expect(own.failure).toMatchObject({ kind: "error" });
    expect(shared.failure).toEqual(own.failure);
  });
});

it("a cell that starts a worker thread runs as under the kernel's own compiler", async () => {
  const [own, shared] = await bothWays("worker-thread.ipynb");
  expect(shared.passed, formatReport(shared, repo)).toBe(true);
  expect(shared.notebook.cells[0].outputs).toEqual(own.notebook.cells[0].outputs);
  expect(shared.notebook.cells[0].outputs).toEqual([expect.objectContaining({ name: "stdout", text: ["42\n"] })]);
});

// Under a kernel that compiles for itself this notebook fails at its fourth cell with tslab's "Unexpected
// pending rebuildTimer": TypeScript reacts to the link as to an edit. In the test suite, release.test.ts makes
// such links (it mirrors node_modules) while notebooks run beside it.
it("a hard link that another process makes to a file the compiler watches does not fail the next cell", async () => {
  const result = await runNotebook(fixture("hard-link-to-watched-file.ipynb"), { root: repo, config, regress: false });
  expect(result.passed, formatReport(result, repo)).toBe(true);
});

it("a kernel whose compile service stopped fails its next cell with a clear message, instead of waiting", async () => {
  const kernel = await JupyterClient.start(repo);
  try {
    expect((await kernel.execute("6 * 7", 30_000)).status).toBe("ok");
    await stopCompilers();
    const run = await kernel.execute("6 * 7", 30_000);
    expect(run.status).toBe("error");
    expect(run.stderr).toContain("the compile service stopped");
  } finally {
    await kernel.shutdown();
  }
});

it("leaves nothing that keeps the runner's process alive once its notebooks have run", async () => {
  // What Node still waits for just after the run; the compile service, idle from then on, must not be in it.
  const script = `require("tsx/cjs");
    const { runNotebook } = require(${JSON.stringify(join(__dirname, "..", "..", "tools", "nbmake-ts", "src", "index.ts"))});
    runNotebook(${JSON.stringify(fixture("passes.ipynb"))}, { root: ${JSON.stringify(repo)}, regress: false })
      .then((r) => setImmediate(() => console.log(JSON.stringify({ passed: r.passed, waiting: process.getActiveResourcesInfo() }))));`;
  const run = await runCommand(process.execPath, ["-e", script], { cwd: repo, timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  const { passed, waiting } = JSON.parse(run.stdout) as { passed: boolean; waiting: string[] };
  expect(passed).toBe(true);
  expect(waiting).not.toContain("MessagePort");
});

it("takes a declaration file under node_modules from its store until the file changes", async () => {
  // A project whose node_modules holds the repository's packages and one of its own, typed-thing.
  const root = mkdtempSync(join(tmpdir(), "nbmake-ts-declarations-"));
  const modules = join(root, "node_modules");
  mkdirSync(join(modules, "typed-thing"), { recursive: true });
  for (const name of readdirSync(join(repo, "node_modules"))) if (!name.startsWith(".")) symlinkSync(join(repo, "node_modules", name), join(modules, name));
  const declare = (type: string) => writeFileSync(join(modules, "typed-thing", "index.d.ts"), `export declare const value: ${type};\n`);
  writeFileSync(join(modules, "typed-thing", "index.js"), "exports.value = 42;\n");
  writeFileSync(join(modules, "typed-thing", "package.json"), JSON.stringify({ name: "typed-thing", main: "index.js", types: "index.d.ts" }));
  const cell = 'import { value } from "typed-thing";\nconst n: number = value;\nn';
  const run = async () => {
    const kernel = await JupyterClient.start(root);
    try {
      return await kernel.execute(cell, 60_000);
    } finally {
      await kernel.shutdown();
    }
  };
  try {
    declare("number");
    expect((await run()).status).toBe("ok");
    expect((await run()).status).toBe("ok"); // the second kernel's program takes it from the store
    declare("boolean");
    const changed = await run();
    expect(changed.status).toBe("error");
    expect(changed.stderr).toContain("Type 'boolean' is not assignable to type 'number'");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
