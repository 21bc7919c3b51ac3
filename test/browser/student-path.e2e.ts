/**
 * The student's path, end to end, in a real browser: the instructor releases the student repository
 * (`npm run release -- --out DIR`); in it, `npm ci` and `npm start` as its README says, in the three front ends a
 * student may use: JupyterLab 4 and Notebook 7 from the course's own environment (made by the first
 * `npm start -- --yes`, with a HOME of its own that must stay empty) and Debian's classic Notebook 6
 * (`npm start -- --notebook`).
 *
 * - Notebook 7: lecture 01 from its file browser draws its stored charts with the vega renderer; exercise 1 as
 *   released (its functions still throw): Run All reaches the check cell, whose report says what to write;
 * - JupyterLab: the student's module with a syntax error: Run All still ends in the report, which names it;
 * - the student writes the exercise (the instructor's solution stands in for their code): Notebook 7, Restart
 *   Kernel and Run All: every cell runs, every chart is drawn, full marks; Notebook 6, Cell → Run All: the same;
 * - Notebook 6: lecture 01 not run shows every stored chart as a picture (the notebook is not trusted);
 * - each front end: lecture 05 opened, left alone past an autosave, saved: the file is byte for byte the same;
 * - no error in the browser console or the servers' logs; then a signal to `npm start` leaves no kernel behind.
 *
 * `npm ci` here needs the packages of the course's lock file: from npm's cache when the course was installed
 * on this machine (as in CI), else from the registry. The environment comes from PyPI.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, launchChromium } from "./chromium";
import { CourseServer, frontEndEnvironment, leftoverKernels, startCourse } from "./course-server";
import { FrontEnd, LabCell, closeWithoutSaving, consoleErrors, labCells, openFromFileBrowser, openNotebook, restartAndRunAll, runAll } from "./lab-page";
import { cellRuns, openNotebook as openClassic, runAll as runAllClassic, screenshotNotebook, storedPictures } from "./notebook-page";
import { inCI, missingPieces, warnIfMissing } from "./prerequisites";
import { serverLogProblems, withoutFrontEndNoise } from "./problems";

const ROOT = join(__dirname, "..", "..");
const SCREENSHOTS = join(ROOT, "test", "browser", "screenshots");
const EXERCISE = "ex01-lookback";
const NOTEBOOK = `exercises/${EXERCISE}/${EXERCISE}.ipynb`;
const MODULE = `exercises/${EXERCISE}/lookback.ts`;
/** The lecture saved unchanged: the one whose numbers a re-serialisation changed most (issue: +382/−374 lines). */
const SAVED = "lectures/05-vanishing-gradients.ipynb";
const AUTOSAVE_SECONDS = 3;

const missing = missingPieces([], { coursePython: true });
warnIfMissing(missing);

it.runIf(inCI())("CI has everything the student-path test needs", () => {
  expect(missing).toEqual([]);
});

describe.skipIf(missing.length > 0)("the released student repository, as a student opens it", () => {
  const student = mkdtempSync(join(tmpdir(), "student-repo-"));
  const home = mkdtempSync(join(tmpdir(), "student-home-"));
  let browser: Browser | undefined;
  let classic: CourseServer | undefined;
  const servers: Partial<Record<FrontEnd, CourseServer>> = {};
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await promisify(execFile)("npm", ["run", "release", "--", "--out", student], { cwd: ROOT });
    let started = Date.now();
    await promisify(execFile)("npm", ["ci", "--no-audit", "--no-fund"], { cwd: student, maxBuffer: 1 << 24 });
    console.log(`npm ci in the student repository: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    classic = await startCourse(student);
    // The first start makes .course/python: from PyPI, with nothing written to HOME (npm's own cache and logs go
    // elsewhere; pip asks rustc its version for its user agent, and rustup would make its settings file in an
    // empty HOME, so RUSTUP_HOME stays where it is).
    const env = {
      ...frontEndEnvironment(AUTOSAVE_SECONDS),
      HOME: home,
      npm_config_cache: mkdtempSync(join(tmpdir(), "student-npm-cache-")),
      npm_config_update_notifier: "false",
      RUSTUP_HOME: process.env.RUSTUP_HOME ?? join(homedir(), ".rustup"),
    };
    started = Date.now();
    servers.notebook7 = await startCourse(student, { flags: ["--yes", "--notebook7"], env, timeoutMs: 600_000 });
    const made = /Made .* in (\d+) s \((\d+) MB\)/.exec(servers.notebook7.log());
    console.log(`npm start -- --yes --notebook7, first start: ready in ${((Date.now() - started) / 1000).toFixed(1)} s (environment made in ${made?.[1]} s, ${made?.[2]} MB)`);
    expect(made, servers.notebook7.log()).not.toBeNull();
    started = Date.now();
    servers.lab = await startCourse(student, { flags: [], env });
    console.log(`npm start (JupyterLab), a later start: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    browser = await launchChromium();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    for (const server of [classic, ...Object.values(servers)]) await server?.stop();
    for (const dir of [student, home]) rmSync(dir, { recursive: true, force: true });
  });

  it("Notebook 7: lecture 01 from its file browser draws every stored chart with the vega renderer, none as a picture", async () => {
    const page = await openFromFileBrowser(browser!.context, servers.notebook7!, "notebook7", "lectures", "01-time-series.ipynb", errors);
    const stored = JSON.parse(readFileSync(join(student, "lectures", "01-time-series.ipynb"), "utf8")).cells.flatMap((c: { outputs?: { data?: object }[] }) => c.outputs ?? []).filter((o: { data?: object }) => o.data && "application/vnd.vegalite.v5+json" in o.data).length;
    await page.waitForFunction((charts) => document.querySelectorAll(".jp-RenderedVegaCommon5 .marks").length >= charts, stored, { timeout: 60_000 });
    const cells = await labCells(page);
    expect(sum(cells, "chartsDrawn"), "charts drawn vs stored").toBe(stored);
    expect(sum(cells, "picturesShown")).toBe(0);
    await closeWithoutSaving(page);
  });

  it("Notebook 7: Run All on the exercise as released reaches the check cell, whose report says what to write", async () => {
    const page = await openFromFileBrowser(browser!.context, servers.notebook7!, "notebook7", `exercises/${EXERCISE}`, `${EXERCISE}.ipynb`, errors);
    await runAll(page, 180_000);
    await page.screenshot({ path: join(SCREENSHOTS, "notebook7-exercise-stub.png"), fullPage: true });
    const cells = await labCells(page);
    for (const cell of cells) expect(cell.executionCount, `cell ${cell.cell} did not run`).not.toBeNull();
    const report = cells.at(-1)!.stdout;
    expect(report).toMatch(new RegExp(`${EXERCISE}: 0/\\d+ points`));
    expect(report).toMatch(/not implemented yet: countPairs in lookback\.ts/);
    await closeWithoutSaving(page);
  });

  it("JupyterLab: a syntax error in the student's module still ends in the report, which names it", async () => {
    const solution = readFileSync(join(ROOT, "solutions", EXERCISE, "lookback.ts"), "utf8");
    writeFileSync(join(student, MODULE), solution.replace(/\)\s*:\s*number\s*\{/, "): number {{ )")); // a brace and a parenthesis too many
    const page = await openNotebook(browser!.context, servers.lab!, "lab", NOTEBOOK, errors);
    await runAll(page, 180_000);
    await page.screenshot({ path: join(SCREENSHOTS, "lab-exercise-syntax-error.png"), fullPage: true });
    const cells = await labCells(page);
    for (const cell of cells) expect(cell.executionCount, `cell ${cell.cell} did not run`).not.toBeNull();
    const report = cells.at(-1)!.stdout;
    expect(report).toMatch(new RegExp(`${EXERCISE}: 0/\\d+ points`));
    expect(report).toMatch(/lookback\.ts/);
    await closeWithoutSaving(page);
  });

  it("the exercise written: Notebook 7, Restart Kernel and Run All: every cell runs without error, every chart is drawn, full marks", async () => {
    copyFileSync(join(ROOT, "solutions", EXERCISE, "lookback.ts"), join(student, MODULE));
    const page = await openNotebook(browser!.context, servers.notebook7!, "notebook7", NOTEBOOK, errors);
    await restartAndRunAll(page, 180_000);
    await page.screenshot({ path: join(SCREENSHOTS, "notebook7-exercise-done.png"), fullPage: true });
    const cells = await labCells(page);
    for (const cell of cells) {
      expect(cell.executionCount, `cell ${cell.cell} did not run`).not.toBeNull();
      expect(cell.errors, `cell ${cell.cell} wrote errors`).toEqual([]);
      expect(cell.chartsDrawn, `cell ${cell.cell}: charts drawn vs chart outputs`).toBe(cell.chartOutputs);
    }
    expect(sum(cells, "chartOutputs"), "charts").toBeGreaterThan(0);
    expect(cells.at(-1)!.stdout).toMatch(new RegExp(`${EXERCISE}: (\\d+)/\\1 points, all passed`));
    await closeWithoutSaving(page);
  });

  it("Notebook 6: lecture 01, not run, shows every stored chart as a picture (the notebook is not trusted)", async () => {
    const page = await browser!.context.newPage();
    watch(page);
    await openClassic(page, classic!.base, classic!.token, "lectures/01-time-series.ipynb");
    const pictures = await storedPictures(page);
    await screenshotNotebook(page, join(SCREENSHOTS, "student-lecture-01-not-run.png"));
    expect(pictures.trusted).toBe(false);
    expect(pictures.outputs).toBeGreaterThan(0);
    expect(pictures.visible, "charts shown vs stored chart outputs").toBe(pictures.outputs);
    await page.close();
  });

  it("Notebook 6: Run All in the exercise's notebook, written, draws every chart and prints full marks", async () => {
    const page = await browser!.context.newPage();
    watch(page);
    await openClassic(page, classic!.base, classic!.token, NOTEBOOK);
    await runAllClassic(page, 120_000);
    const runs = await cellRuns(page);
    await screenshotNotebook(page, join(SCREENSHOTS, "student-exercise-run.png"));
    for (const run of runs) {
      expect(run.executionCount, `cell ${run.cell} did not run`).not.toBeNull();
      expect(run.errors, `cell ${run.cell} wrote errors`).toEqual([]);
      expect(run.visiblePictures, `cell ${run.cell}: charts shown vs chart outputs`).toBe(run.pictureOutputs);
    }
    expect(runs.reduce((total, run) => total + run.pictureOutputs, 0), "charts drawn").toBeGreaterThan(0);
    const report = runs.map((run) => run.stdout).join("");
    expect(report).toMatch(new RegExp(`${EXERCISE}: (\\d+)/\\1 points, all passed`));
    await page.close();
  });

  it.each(["lab", "notebook7"] as const)(`%s: ${SAVED} opened, left past an autosave and saved is byte for byte the same file`, async (frontEnd) => {
    const before = readFileSync(join(student, SAVED));
    const page = await openNotebook(browser!.context, servers[frontEnd]!, frontEnd, SAVED, errors);
    await page.waitForTimeout((AUTOSAVE_SECONDS * 2 + 2) * 1000);
    expect(await page.evaluate(() => (window as any).jupyterapp.shell.currentWidget.context.model.dirty), "the notebook shows unsaved changes").toBe(false);
    await savedBy(page, SAVED, () => page.keyboard.press("Control+s"));
    expectSameBytes(before);
    await closeWithoutSaving(page);
  });

  it(`Notebook 6: ${SAVED} opened, left past an autosave and saved is byte for byte the same file`, async () => {
    const before = readFileSync(join(student, SAVED));
    const page = await browser!.context.newPage();
    watch(page);
    await openClassic(page, classic!.base, classic!.token, SAVED);
    await page.evaluate((ms) => (window as any).Jupyter.notebook.set_autosave_interval(ms), AUTOSAVE_SECONDS * 1000);
    await page.waitForTimeout((AUTOSAVE_SECONDS * 2 + 2) * 1000);
    await savedBy(page, SAVED, () => page.evaluate(() => (window as any).Jupyter.notebook.save_notebook()));
    expectSameBytes(before);
    await page.close();
  });

  it("no error in the browser console or the servers' logs; nothing written to HOME", () => {
    expect(withoutFrontEndNoise(errors), "console errors").toEqual([]);
    for (const server of [classic!, ...Object.values(servers)]) expect(serverLogProblems(server.log()), "server log").toEqual([]);
    expect(readdirSync(home), "files npm start wrote to HOME").toEqual([]);
  });

  it("SIGTERM to npm start stops Jupyter and leaves no kernel running", async () => {
    for (const server of Object.values(servers)) await server!.stop();
    const page = await browser!.context.newPage(); // a kernel to stop
    await openClassic(page, classic!.base, classic!.token, "lectures/01-time-series.ipynb");
    expect(leftoverKernels(student).length, "the kernel just started").toBeGreaterThan(0);
    await classic!.signal("SIGTERM");
    // Jupyter shuts its kernels down before it exits; the kernel guard ends any it could not within a second.
    const deadline = Date.now() + 5_000;
    while (leftoverKernels(student).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(leftoverKernels(student), "kernels still running after SIGTERM").toEqual([]);
    expect(classic!.log(), "Jupyter's log").not.toMatch(/Traceback/);
    await page.close();
  });

  function watch(page: Page): void {
    const seen = consoleErrors(page);
    page.on("close", () => errors.push(...seen));
  }

  /**
   * Runs `save` and resolves once the file on disk has been written again: its modification time moved, then
   * stayed for half a second (Jupyter writes the file in place, so it is empty for a moment while saved).
   */
  async function savedBy(page: Page, path: string, save: () => Promise<unknown>): Promise<void> {
    const stamp = () => {
      const { mtimeMs, size } = statSync(join(student, path));
      return `${mtimeMs}/${size}`;
    };
    const before = stamp();
    await page.locator(".jp-Notebook, #notebook").first().click({ position: { x: 2, y: 2 } });
    await save();
    const deadline = Date.now() + 30_000;
    let last = before;
    let since = Date.now();
    while (last === before || Date.now() - since < 500) {
      if (Date.now() > deadline) throw new Error(`${path} was not saved within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (stamp() !== last) [last, since] = [stamp(), Date.now()];
    }
  }

  function expectSameBytes(before: Buffer): void {
    const after = readFileSync(join(student, SAVED));
    expect(after.equals(before), `${SAVED} changed on save: ${after.length} bytes, ${before.length} before`).toBe(true);
  }
});

const sum = (cells: LabCell[], key: "chartOutputs" | "chartsDrawn" | "picturesShown") => cells.reduce((total, cell) => total + cell[key], 0);
