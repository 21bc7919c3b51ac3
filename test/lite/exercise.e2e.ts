/**
 * Exercise 1 done in the site's JupyterLite, as a student does it, in Chromium with the network off:
 *   - the exercise as released: Run All shows the stub's failing call (a raises-exception cell) and still runs
 *     the checks, whose report is the one `npm run check` prints for the same files;
 *   - the student writes lookback.ts in JupyterLab's editor and saves: the notebook's checks give full marks,
 *     with the report `npm run check` prints for that file; the file is still there after a reload (browser
 *     storage), and File → Download gives the notebook with its outputs.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, builtSite, inCI, missingPieces, warnIfMissing } from "./built-site";
import {
  launch,
  openNotebook,
  runAll,
  text,
  type LiteBrowser,
  type NotebookJson,
} from "./jupyterlite";
import { serveFolder, type StaticSite } from "./static-server";

const FOLDER = "exercises/ex01-lookback";
const SOLUTION = readFileSync(join(ROOT, "solutions", "ex01-lookback", "lookback.ts"), "utf8");

/**
 * What `npm run check ex01` prints for exercise 1 in `dir`: exercises/ (as released) or solutions/ (the same
 * public cases, with the solution's lookback.ts: what the student writes in the test).
 */
function nodeReport(dir: "exercises" | "solutions"): string {
  const tsx = join(ROOT, "node_modules", ".bin", "tsx");
  try {
    return execFileSync(tsx, ["tools/check/cli.ts", "ex01", "--dir", dir], {
      cwd: ROOT,
      encoding: "utf8",
    }).trimEnd();
  } catch (error) {
    const { status, stdout, stderr } = error as {
      status?: number;
      stdout?: string;
      stderr?: string;
    };
    if (status === 1 && stdout) return stdout.trimEnd(); // exit code 1: some cases failed
    throw new Error(`npm run check ex01 --dir ${dir} failed (exit ${status}): ${stderr}`);
  }
}

/** The output of the notebook's last code cell, `runChecks("ex01")`. */
function checkOutput(notebook: NotebookJson): string {
  const cell = notebook.cells.filter((c) => c.cell_type === "code").at(-1)!;
  expect(text(cell.source)).toContain('runChecks("ex01")');
  return (cell.outputs ?? [])
    .map((o) => text(o.text))
    .join("")
    .trimEnd();
}

const missing = missingPieces();
warnIfMissing(missing);

it.runIf(inCI())("CI has everything the JupyterLite tests need", () => {
  expect(missing).toEqual([]);
});

describe.skipIf(missing.length > 0)("exercise 1 in JupyterLite", () => {
  let site: ReturnType<typeof builtSite>;
  let server: StaticSite;
  let browser: LiteBrowser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    site = builtSite();
    server = await serveFolder(site.folder);
    browser = await launch(server.base);
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    site?.dispose();
  });

  it("as released: Run All shows the stub's error and still runs the checks, which say what `npm run check` says", async () => {
    await openNotebook(page, server.base, `${FOLDER}/ex01-lookback.ipynb`);
    const { notebook } = await runAll(page, 300_000);
    const stub = notebook.cells.filter((c) => c.cell_type === "code")[1];
    expect(stub.metadata.tags).toContain("raises-exception");
    expect((stub.outputs ?? []).map((o) => text(o.text)).join("")).toMatch(
      /lookback\.ts:\d+\n[\s\S]*NotImplementedError: not implemented: ex01-lookback\.lookbackPairs/,
    );
    const report = checkOutput(notebook);
    expect(report).toContain("ex01-lookback: 0/7 points, 0 of 5 cases passed");
    expect(report).toBe(nodeReport("exercises"));
  });

  it("done in the editor: full marks, with `npm run check`'s report; kept after a reload; downloadable", async () => {
    await page.goto(`${server.base}lite/lab/index.html?path=${FOLDER}/lookback.ts`);
    const editor = page.locator(".jp-FileEditor .cm-content");
    await editor.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(SOLUTION);
    await page.keyboard.press("Control+S");
    await page.waitForFunction(
      () => !document.querySelector(".jp-mod-current.jp-mod-dirty"),
      null,
      { timeout: 30_000 },
    );
    expect(await savedText(page, `${FOLDER}/lookback.ts`)).toBe(SOLUTION);

    await openNotebook(page, server.base, `${FOLDER}/ex01-lookback.ipynb`);
    const { notebook } = await runAll(page, 300_000);
    const errors = notebook.cells
      .flatMap((c) => c.outputs ?? [])
      .filter((o) => o.name === "stderr" || o.output_type === "error");
    expect(errors).toEqual([]);
    const report = checkOutput(notebook);
    expect(report).toContain("ex01-lookback: 7/7 points, all passed");
    expect(report).toBe(nodeReport("solutions"));

    await page.reload();
    await page.waitForFunction(() => (window as any).jupyterapp?.serviceManager?.contents, null, {
      timeout: 60_000,
    });
    expect(await savedText(page, `${FOLDER}/lookback.ts`)).toBe(SOLUTION);

    await openNotebook(page, server.base, `${FOLDER}/ex01-lookback.ipynb`);
    await runAll(page, 300_000);
    await page.keyboard.press("Control+S");
    await page.waitForFunction(
      () => !document.querySelector(".jp-mod-current.jp-mod-dirty"),
      null,
      { timeout: 30_000 },
    );
    const download = page.waitForEvent("download");
    await page.click('.lm-MenuBar-itemLabel:text-is("File")');
    await page.click('.lm-Menu-itemLabel:text-is("Download")');
    const saved = JSON.parse(
      readFileSync(await (await download).path(), "utf8"),
    ) as NotebookJson & { nbformat: number };
    expect(saved.nbformat).toBe(4);
    expect((saved.metadata.kernelspec as { name: string }).name).toBe("tslab");
    expect(checkOutput(saved)).toContain("7/7 points, all passed");
    expect(browser.offsite).toEqual([]);
  });
});

/** A file as JupyterLite's storage holds it. */
function savedText(page: Page, path: string): Promise<string> {
  return page.evaluate(
    async (p) =>
      (
        await (window as any).jupyterapp.serviceManager.contents.get(p, {
          content: true,
          format: "text",
        })
      ).content as string,
    path,
  );
}
