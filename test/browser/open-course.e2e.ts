/**
 * The course opened the way a student opens it, in a real browser: `npm start` serves it with classic
 * Jupyter Notebook, Chromium runs every cell of the notebook from the menu (Cell → Run All), and every cell
 * must run without error and show its charts as pictures. Then `npm run site` renders the same notebook and the
 * page, opened from disk, must draw its charts with vega-embed.
 *
 * The notebook is lecture 01: it has the most charts of the early lectures and runs in seconds.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, launchChromium } from "./chromium";
import { CourseServer, leftoverKernels, startCourse } from "./course-server";
import { cellRuns, openNotebook, runAll, screenshotNotebook } from "./notebook-page";
import { inCI, missingPieces, warnIfMissing } from "./prerequisites";

const ROOT = join(__dirname, "..", "..");
const NOTEBOOK = join(ROOT, "lectures", "01-time-series.ipynb");
const SCREENSHOTS = join(ROOT, "test", "browser", "screenshots");

const missing = missingPieces([NOTEBOOK]);
warnIfMissing(missing);

it.runIf(inCI())("CI has everything the browser tests need", () => {
  expect(missing).toEqual([]);
});

describe.skipIf(missing.length > 0)("the course in a real browser", () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("npm start serves the notebook; Run All runs every cell without error and shows every chart", async () => {
    const before = readFileSync(NOTEBOOK, "utf8");
    let server: CourseServer | undefined;
    try {
      server = await startCourse(ROOT);
      const page = await browser.context.newPage();
      await openNotebook(page, server.base, server.token, relative(ROOT, NOTEBOOK));
      await runAll(page, 120_000);
      const runs = await cellRuns(page);
      await screenshotNotebook(page, join(SCREENSHOTS, "notebook.png"));

      expect(runs.length).toBeGreaterThan(0);
      for (const run of runs) {
        expect(run.executionCount, `cell ${run.cell} has no execution count: it did not run`).not.toBeNull();
        if (!run.expectsError) expect(run.errors, `cell ${run.cell} wrote errors`).toEqual([]);
        expect(run.visiblePictures, `cell ${run.cell}: charts shown vs chart outputs`).toBe(run.pictureOutputs);
      }
      expect(runs.reduce((sum, run) => sum + run.pictureOutputs, 0), "charts in the notebook").toBeGreaterThan(0);
      await page.close();
    } finally {
      await server?.stop();
    }
    expect(server!.log(), "Jupyter's log after Ctrl+C").not.toMatch(/Traceback/);
    expect(leftoverKernels(ROOT), "kernels still running after Ctrl+C").toEqual([]);
    expect(readFileSync(NOTEBOOK, "utf8"), "the test must not save the notebook").toBe(before);
  });

  it("npm run site renders the notebook to a page whose charts vega-embed draws, opened from disk", async () => {
    const out = mkdtempSync(join(tmpdir(), "course-site-"));
    try {
      execFileSync("npm", ["run", "site", "--", "--no-lite", "--out", out, NOTEBOOK], { cwd: ROOT, stdio: "pipe" });
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
      await page.goto(pathToFileURL(join(out, "index.html")).href);
      await page.click("ul.lectures > li > a");
      await page.waitForSelector(".chart .vega-embed svg.marks, .chart .vega-embed canvas", { state: "visible", timeout: 30_000 });
      await page.waitForFunction(() => document.querySelectorAll(".chart .fallback").length === 0, null, { timeout: 30_000 });
      const drawn = await page.locator(".chart .vega-embed svg.marks").count();
      await page.locator(".chart").first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, "site.png") });
      expect(drawn, "charts drawn by vega-embed").toBe(await page.locator(".chart").count());
      expect(errors, "errors in the page").toEqual([]);
      await page.close();
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
