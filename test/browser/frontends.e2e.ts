/**
 * The course in its students' front ends, JupyterLab 4 and Notebook 7, from the course's own environment:
 * `npm start -- --yes` (which makes `.course/python` on the first start) and `npm start -- --notebook7`, driven
 * in Chromium as a student drives them. Nothing here saves a notebook (autosave is off: see
 * course-server.ts); the lectures must be byte for byte what they were. The released student repository, where
 * notebooks are saved and exercises done, is student-path.e2e.ts.
 *
 * Which lecture runs in full: 03. It is the one that exercises what a front end does beyond showing stored
 * outputs: a chart updated in place while a model trains (update_display_data, which only its live loss chart
 * sends), charts and an explorable made as the cells run, all cells sent at once by Run All. It also imports the
 * library names the completion and inspector checks use (sinusoid, fit) and the pieces of a training (the
 * interrupt check). Every lecture's stored charts are checked without running; Notebook 7 uses JupyterLab's
 * notebook and renderers, so its own chrome (file browser, new tab, menus) is checked on one lecture here and
 * on the exercises, Run All and Restart Kernel and Run All included, in student-path.e2e.ts.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, launchChromium } from "./chromium";
import { CourseServer, frontEndEnvironment, leftoverKernels, running, startCourse } from "./course-server";
import {
  FrontEnd,
  LabCell,
  activeSource,
  closeTab,
  closeWithoutSaving,
  editActiveCell,
  kernelId,
  labCells,
  newCellAtEnd,
  openAnother,
  openFromFileBrowser,
  runAll,
  settled,
  typeAndRun,
} from "./lab-page";
import { inCI, missingPieces, warnIfMissing } from "./prerequisites";
import { serverLogProblems, withoutFrontEndNoise } from "./problems";
import { picturesPerControl } from "./vega-controls";

const ROOT = join(__dirname, "..", "..");
const SCREENSHOTS = join(ROOT, "test", "browser", "screenshots");
const LECTURES = readdirSync(join(ROOT, "lectures")).filter((name) => name.endsWith(".ipynb")).sort();
const FULL_RUN = "03-memory-and-rnn.ipynb";
/** A training that would run for hours, in lecture 03's terms. */
const LONG_TRAINING = "const endless = new LastStepRegressor(new RNN({ inputSize: 1, hiddenSize: 8 }));\nawait fit(endless, trainLoader, { epochs: 1_000_000, lr: 0.001 });";

const missing = missingPieces([], { coursePython: true });
warnIfMissing(missing);

it.runIf(inCI())("CI has everything the front-end tests need", () => {
  expect(missing).toEqual([]);
});

/** Stored vega-lite outputs per lecture file, and which of them are explorables (a parameter bound to a control). */
function storedCharts(name: string): { charts: number; explorables: number } {
  const outputs = JSON.parse(readFileSync(join(ROOT, "lectures", name), "utf8")).cells.flatMap((cell: { outputs?: unknown[] }) => cell.outputs ?? []);
  const specs = outputs.map((o: { data?: Record<string, any> }) => o.data?.["application/vnd.vegalite.v5+json"]).filter(Boolean); // eslint-disable-line @typescript-eslint/no-explicit-any
  return { charts: specs.length, explorables: specs.filter((spec: { params?: { bind?: unknown }[] }) => spec.params?.some((p) => p.bind)).length };
}

describe.skipIf(missing.length > 0)("the course in JupyterLab 4 and Notebook 7", () => {
  let browser: Browser;
  const servers: Partial<Record<FrontEnd, CourseServer>> = {};
  const errors: string[] = [];
  const before = new Map(LECTURES.map((name) => [name, readFileSync(join(ROOT, "lectures", name))]));

  beforeAll(async () => {
    const started = Date.now();
    servers.lab = await startCourse(ROOT, { flags: ["--yes"], env: frontEndEnvironment(false), timeoutMs: 600_000 });
    const made = /Made .* in (\d+) s/.exec(servers.lab.log());
    console.log(`npm start (JupyterLab): ready in ${((Date.now() - started) / 1000).toFixed(1)} s${made ? `, the environment made in ${made[1]} s` : ", the environment reused"}`);
    servers.notebook7 = await startCourse(ROOT, { flags: ["--notebook7"], env: frontEndEnvironment(false) });
    browser = await launchChromium();
  }, 660_000);

  afterAll(async () => {
    await browser?.close();
    for (const server of Object.values(servers)) await server?.stop();
  });

  const open = (frontEnd: FrontEnd, name: string) => openFromFileBrowser(browser.context, servers[frontEnd]!, frontEnd, "lectures", name, errors);

  it("JupyterLab, every lecture opened from the file browser: its vega renderer draws every stored chart before anything runs, and each explorable's controls change its picture", async () => {
    const page = await open("lab", LECTURES[0]);
    try {
      for (const [i, name] of LECTURES.entries()) {
        if (i > 0) await openAnother(page, name);
        await expectStoredChartsDrawn(page, name, "lab");
        await closeTab(page);
      }
    } finally {
      await page.close();
    }
  }, 300_000);

  it("Notebook 7, lecture 02 opened from its file browser (in a new tab): the same", async () => {
    const page = await open("notebook7", "02-history-and-lookback.ipynb");
    try {
      await expectStoredChartsDrawn(page, "02-history-and-lookback.ipynb", "notebook7");
    } finally {
      await closeWithoutSaving(page);
    }
  });

  it(`JupyterLab, ${FULL_RUN}: Run All completes every cell without error and draws every chart; Tab completes, Shift+Tab inspects; the stop button interrupts a training and the kernel runs the next cell`, async () => {
    const page = await open("lab", FULL_RUN);
    try {
      await runAll(page, 300_000);
      await page.screenshot({ path: join(SCREENSHOTS, "lab-lecture-03-run.png"), fullPage: true });
      expectEveryCellRan(await labCells(page));

      await newCellAtEnd(page);
      await page.keyboard.type("sinu");
      await page.keyboard.press("Tab");
      await page.locator(".jp-Completer-item", { hasText: /^sinusoid$/ }).waitFor({ timeout: 30_000 });
      await page.keyboard.press("Enter");
      expect(await activeSource(page)).toBe("sinusoid");
      await editActiveCell(page);
      await page.keyboard.type("fit");
      await page.keyboard.press("Shift+Tab");
      const tooltip = page.locator(".jp-Tooltip");
      await tooltip.waitFor({ timeout: 30_000 });
      expect(await tooltip.innerText()).toMatch(/fit\(model: Module, loader: Batches, options: FitOptions\)/);
      await page.screenshot({ path: join(SCREENSHOTS, "lab-inspector.png") });
      await page.keyboard.press("Escape");

      const kernel = await kernelId(page);
      await editActiveCell(page);
      await page.keyboard.type(LONG_TRAINING);
      await page.keyboard.press("Shift+Enter");
      // Interrupt once the training shows its progress (it is inside fit's loop then), unless the cell ended first.
      await page.waitForFunction(
        () => {
          const cell = (window as any).jupyterapp.shell.currentWidget.content.widgets.at(-2);
          return /epoch \d+\/1000000/.test(cell.node.textContent) || !(cell.promptNode?.textContent ?? "").includes("*");
        },
        null,
        { timeout: 120_000 },
      );
      const training = (await labCells(page)).at(-2)!;
      expect(training.errors, "the training cell failed before it could be interrupted").toEqual([]);
      await page.locator('.jp-NotebookPanel-toolbar [data-command="notebook:interrupt-kernel"]').click();
      await settled(page, 60_000);
      const interrupted = (await labCells(page)).at(-2)!;
      expect(interrupted.errors.join(""), "the interrupted cell says so").toMatch(/^Interrupted: the cell was stopped/);
      expect(interrupted.errors.join(""), "in one line, without tslab's stack trace").not.toMatch(/\n\s+at /);
      await typeAndRun(page, 'console.log("after the interrupt:", 6 * 7);', 60_000);
      expect((await labCells(page)).at(-2)!.stdout).toBe("after the interrupt: 42\n");
      expect(await kernelId(page), "the same kernel, not a restarted one").toBe(kernel);
    } finally {
      await closeWithoutSaving(page);
    }
  }, 600_000);

  it("no error in the browser console or the servers' logs; the lectures are unchanged", () => {
    expect(withoutFrontEndNoise(errors), "console errors").toEqual([]);
    for (const server of Object.values(servers)) expect(serverLogProblems(server!.log()), "server log").toEqual([]);
    for (const [name, bytes] of before) expect(readFileSync(join(ROOT, "lectures", name)).equals(bytes), `${name} changed`).toBe(true);
  });

  it("SIGKILL of the start script itself (not npm) stops Jupyter and its kernels", async () => {
    const page = await open("lab", "01-time-series.ipynb"); // a kernel to stop
    const { script, jupyter } = servers.lab!.processes();
    expect(leftoverKernels(ROOT).length, "the kernel just started").toBeGreaterThan(0);
    process.kill(script, "SIGKILL");
    await servers.lab!.exited;
    await until(() => !running(jupyter) && leftoverKernels(ROOT).length === 0, 20_000);
    await page.close();
    expect(servers.lab!.log()).toMatch(/received signal 15, stopping/);
  });
});

async function expectStoredChartsDrawn(page: Page, name: string, frontEnd: FrontEnd): Promise<void> {
  const stored = storedCharts(name);
  // The vega renderer draws asynchronously: wait until every chart output has its drawing.
  await page.waitForFunction((charts) => document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedVegaCommon5 .marks").length >= charts, stored.charts, { timeout: 60_000 });
  const cells = await labCells(page);
  expect(sum(cells, "chartOutputs"), "chart outputs in the notebook vs in the file").toBe(stored.charts);
  expect(sum(cells, "chartsDrawn"), "charts drawn by the vega renderer").toBe(stored.charts);
  expect(sum(cells, "picturesShown"), "PNG pictures shown instead of charts").toBe(0);
  const explorables = page.locator(".jp-RenderedVegaCommon5").filter({ has: page.locator(".vega-bindings .vega-bind") });
  expect(await explorables.count(), "explorables with their controls").toBe(stored.explorables);
  for (let i = 0; i < stored.explorables; i++) {
    const chart = explorables.nth(i);
    await chart.scrollIntoViewIfNeeded();
    for (const [j, [first, second]] of (await picturesPerControl(page, chart)).entries()) {
      expect(first === second, `explorable ${i + 1}, control ${j + 1}: the same picture at both ends`).toBe(false);
    }
    await chart.screenshot({ path: join(SCREENSHOTS, `${frontEnd}-explorable-${name.slice(0, 2)}-${i + 1}.png`) });
  }
}

function expectEveryCellRan(cells: LabCell[]): void {
  expect(cells.length).toBeGreaterThan(0);
  for (const cell of cells) {
    expect(cell.executionCount, `cell ${cell.cell} has no execution count: it did not run`).not.toBeNull();
    if (!cell.expectsError) expect(cell.errors, `cell ${cell.cell} wrote errors`).toEqual([]);
    expect(cell.chartsDrawn, `cell ${cell.cell}: charts drawn vs chart outputs`).toBe(cell.chartOutputs);
    expect(cell.picturesShown, `cell ${cell.cell}: PNG pictures shown instead of charts`).toBe(0);
  }
  expect(sum(cells, "chartOutputs"), "charts in the notebook").toBeGreaterThan(0);
}

const sum = (cells: LabCell[], key: "chartOutputs" | "chartsDrawn" | "picturesShown") => cells.reduce((total, cell) => total + cell[key], 0);

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not done after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
