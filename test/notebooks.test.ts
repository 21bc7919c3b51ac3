/**
 * One test per course notebook (lectures/ and exercises/): each runs top to bottom in a fresh tslab kernel
 * and must reproduce its stored outputs (regression mode). A failure's message is the runner's report.
 * With no notebooks yet, this file creates no per-notebook tests; the discovery test still checks itself.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { expect, it } from "vitest";
import { findNotebooks, formatReport, prepare, runNotebook } from "../tools/nbmake-ts/src";

const root = join(__dirname, "..");
const folders = ["lectures", "exercises"].map((folder) => join(root, folder)).filter((folder) => existsSync(folder));
const notebooks = findNotebooks(folders);

it("discovers every notebook in lectures/ and exercises/ (hidden folders such as .ipynb_checkpoints excluded)", () => {
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
