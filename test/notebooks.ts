/**
 * One vitest test per course notebook in the given folders: each runs top to bottom in a fresh tslab kernel
 * and must reproduce its stored outputs (regression mode); a failure's message is the runner's report.
 * One test file per folder (lectures, solutions, exercises): vitest runs files on parallel workers, and the
 * sequencer in vitest.config.ts starts these, the longest files, first. Within a file the kernels share the
 * runner's warm compiler (nbmake-ts's shared compiler), so the first notebook of a file is the slowest.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { expect, it } from "vitest";
import { findNotebooks, formatReport, prepare, runNotebook } from "../tools/nbmake-ts/src";

const root = join(__dirname, "..");

export function notebookTests(folderNames: string[]): void {
  const folders = folderNames.map((folder) => join(root, folder)).filter((folder) => existsSync(folder));
  const notebooks = findNotebooks(folders);

  it(`discovers every notebook in ${folderNames.join(", ")} (hidden folders such as .ipynb_checkpoints excluded)`, () => {
    const expected = folders.flatMap((folder) =>
      readdirSync(folder, { recursive: true, encoding: "utf8" })
        .filter((path) => path.endsWith(".ipynb") && !path.split(sep).some((part) => part.startsWith(".") || part === "node_modules"))
        .map((path) => join(folder, path)),
    );
    expect([...notebooks].sort()).toEqual(expected.sort());
  });

  for (const path of notebooks) {
    // The runner times out each cell; the test only needs to outlast all of them.
    const { notebook, config } = prepare(path, { root });
    const cells = notebook.cells.filter((cell) => cell.cell_type === "code").length;
    it(relative(root, path), async () => {
      const result = await runNotebook(path, { root });
      if (!result.passed) expect.fail(formatReport(result, root));
    }, (cells * config.timeout + 60) * 1000);
  }
}
