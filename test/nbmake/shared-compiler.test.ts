/**
 * The shared compiler (tools/nbmake-ts/src/compiler.ts): kernels hand their TypeScript work to one warm
 * compiler in the runner. The course notebooks' regression tests show that it reproduces what the kernels'
 * own compilers stored; these tests compare both ways directly and check that a stopped service fails loudly.
 */
import { describe, expect, it } from "vitest";
import { compareOutputs, formatReport, loadConfig, runNotebook } from "../../tools/nbmake-ts/src";
import { stopCompilers } from "../../tools/nbmake-ts/src/compiler";
import { JupyterClient } from "../../tools/nbmake-ts/src/jupyter-client";
import { tagsOf } from "../../tools/nbmake-ts/src/notebook";
import { tslabBin } from "../../tools/nbmake-ts/src/project";
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

// Under a kernel that compiles for itself this notebook fails at its fourth cell with tslab's "Unexpected
// pending rebuildTimer": TypeScript reacts to the link as to an edit. In the test suite, release.test.ts makes
// such links (it mirrors node_modules) while notebooks run beside it.
it("a hard link that another process makes to a file the compiler watches does not fail the next cell", async () => {
  const result = await runNotebook(fixture("hard-link-to-watched-file.ipynb"), { root: repo, config, regress: false });
  expect(result.passed, formatReport(result, repo)).toBe(true);
});

it("a kernel whose compile service stopped fails its next cell with a clear message, instead of waiting", async () => {
  const kernel = await JupyterClient.start(tslabBin(repo), repo);
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
