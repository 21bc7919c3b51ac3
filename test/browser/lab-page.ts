/**
 * JupyterLab 4 and Notebook 7 driven like a student drives them: the file browser, the menus (Run → Run All
 * Cells, Kernel → Restart Kernel and Run All Cells…), the notebook toolbar's stop button, the keyboard (Tab,
 * Shift+Tab, Ctrl+S). Notebook 7 is built from JupyterLab's notebook widgets, so one driver serves both; they
 * differ in where things open (Notebook 7 opens a notebook in a new browser tab).
 *
 * What happened is read from the application (`window.jupyterapp`, exposed by the test's server configuration:
 * see course-server.ts), what is shown from the page.
 */
import type { BrowserContext, Page } from "playwright-core";
import { CourseServer } from "./course-server";

export type FrontEnd = "lab" | "notebook7";
export const FRONT_ENDS: Record<FrontEnd, string> = { lab: "JupyterLab 4", notebook7: "Notebook 7" };

/** One code cell as the front end holds and shows it. */
export interface LabCell {
  /** 1-based, markdown cells included, as a reader counts them. */
  cell: number;
  executionCount: number | null;
  expectsError: boolean;
  /** Text of stderr streams and error outputs: the kernel reports a failed cell as stderr. */
  errors: string[];
  stdout: string;
  /** Outputs carrying a vega-lite chart, and how many charts the vega renderer has drawn in this cell. */
  chartOutputs: number;
  chartsDrawn: number;
  /** Pictures (PNG) shown instead: the front end did not pick the chart. */
  picturesShown: number;
}

/** Messages of the page's console errors and uncaught exceptions, as they come. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => message.type() === "error" && errors.push(`${message.text()} (${message.location().url})`));
  return errors;
}

/**
 * Opens the file browser at `dir`, then `name` in it with a double-click; resolves with the page that shows the
 * notebook (Notebook 7: a new tab) once its kernel is idle.
 */
export async function openFromFileBrowser(context: BrowserContext, server: CourseServer, frontEnd: FrontEnd, dir: string, name: string, errors: string[]): Promise<Page> {
  const browser = await context.newPage();
  const listening = consoleErrors(browser);
  // `reset`: a fresh workspace, without the tabs an earlier test left open.
  const url = frontEnd === "lab" ? `${server.base}lab/tree/${dir}?token=${server.token}&reset` : `${server.base}tree/${dir}?token=${server.token}`;
  await browser.goto(url);
  const item = browser.locator(".jp-DirListing-item").filter({ has: browser.locator(".jp-DirListing-itemText", { hasText: new RegExp(`^${escape(name)}$`) }) });
  await item.waitFor({ timeout: 60_000 });
  let page = browser;
  if (frontEnd === "notebook7") {
    [page] = await Promise.all([context.waitForEvent("page"), item.dblclick()]);
    errors.push(...listening);
    await browser.close();
    const more = consoleErrors(page);
    page.on("close", () => errors.push(...more));
  } else {
    await item.dblclick();
    page.on("close", () => errors.push(...listening));
  }
  await waitForNotebook(page, name);
  return page;
}

/** Opens `path` directly (its address), resolving once its kernel is idle. */
export async function openNotebook(context: BrowserContext, server: CourseServer, frontEnd: FrontEnd, path: string, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  const listening = consoleErrors(page);
  page.on("close", () => errors.push(...listening));
  const url = frontEnd === "lab" ? `${server.base}lab/tree/${path}?token=${server.token}&reset` : `${server.base}notebooks/${path}?token=${server.token}`;
  await page.goto(url);
  await waitForNotebook(page, path.split("/").pop()!);
  return page;
}

/**
 * In a JupyterLab page already open on a folder: opens `name` from the file browser in the left sidebar
 * (double-click), as a student opens one lecture after another; resolves once its kernel is idle.
 */
export async function openAnother(page: Page, name: string): Promise<void> {
  const item = page.locator(".jp-FileBrowser .jp-DirListing-item").filter({ has: page.locator(".jp-DirListing-itemText", { hasText: new RegExp(`^${escape(name)}$`) }) });
  await item.dblclick();
  await waitForNotebook(page, name);
}

/** Closes the notebook shown in a JupyterLab page (shutting its kernel down), saving nothing, and keeps the page. */
export async function closeTab(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const widget = (window as any).jupyterapp.shell.currentWidget;
    await widget.sessionContext.shutdown();
    widget.context.model.dirty = false; // nothing is saved: closing asks nothing
    widget.close();
  });
}

async function waitForNotebook(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (name) => {
      const widget = (window as any).jupyterapp?.shell?.currentWidget;
      return widget?.context?.path?.endsWith(name) && widget.sessionContext?.session?.kernel?.status === "idle" && widget.content.widgets.length > 0;
    },
    name,
    { timeout: 120_000, polling: 250 },
  );
}

/** Clicks `menu` in the menu bar, then `item` in it. */
export async function menu(page: Page, menu: string, item: string): Promise<void> {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: new RegExp(`^${escape(menu)}$`) }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: new RegExp(`^${escape(item)}$`) }).click();
}

/** Run → Run All Cells, then waits until every cell has run and the kernel is idle. */
export async function runAll(page: Page, timeoutMs: number): Promise<void> {
  await menu(page, "Run", "Run All Cells");
  await settled(page, timeoutMs);
}

/** Kernel → Restart Kernel and Run All Cells…, confirmed in its dialog; then waits as runAll does. */
export async function restartAndRunAll(page: Page, timeoutMs: number): Promise<void> {
  await menu(page, "Kernel", "Restart Kernel and Run All Cells…");
  await page.locator(".jp-Dialog .jp-mod-accept").click();
  // The restart clears every prompt before the cells are queued again: wait for the first one to have run.
  await page.waitForFunction(() => (window as any).jupyterapp.shell.currentWidget.content.widgets.some((c: any) => c.model.type === "code" && c.model.executionCount === 1), null, { timeout: timeoutMs });
  await settled(page, timeoutMs);
}

/** Resolves once no cell is queued or running ([*]) and the kernel is idle. */
export async function settled(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    () => {
      const widget = (window as any).jupyterapp.shell.currentWidget;
      const busy = widget.content.widgets.some((c: any) => c.model.type === "code" && (c.promptNode?.textContent ?? "").includes("*"));
      return !busy && widget.sessionContext.session?.kernel?.status === "idle";
    },
    null,
    { timeout: timeoutMs, polling: 250 },
  );
}

export async function kernelId(page: Page): Promise<string> {
  return page.evaluate(() => (window as any).jupyterapp.shell.currentWidget.sessionContext.session.kernel.id as string);
}

/** One report per code cell of the notebook shown. */
export async function labCells(page: Page): Promise<LabCell[]> {
  return page.evaluate(() => {
    const widget = (window as any).jupyterapp.shell.currentWidget;
    return (widget.content.widgets as any[]).flatMap((cell, index) => {
      if (cell.model.type !== "code") return [];
      const outputs = cell.model.outputs.toJSON() as any[];
      const drawn = Array.from(cell.node.querySelectorAll(".jp-RenderedVegaCommon5 .marks") as NodeListOf<HTMLElement>).filter((marks) => {
        const box = marks.getBoundingClientRect();
        return box.width > 0 && box.height > 0;
      });
      const text = (o: any) => (Array.isArray(o.text) ? o.text.join("") : o.text);
      return [
        {
          cell: index + 1,
          executionCount: cell.model.executionCount ?? null,
          expectsError: ((cell.model.getMetadata("tags") ?? []) as string[]).includes("raises-exception"),
          errors: outputs.filter((o) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr")).map((o) => (o.output_type === "error" ? `${o.ename}: ${o.evalue}` : text(o))),
          stdout: outputs
            .filter((o) => o.output_type === "stream" && o.name === "stdout")
            .map(text)
            .join(""),
          chartOutputs: outputs.filter((o) => o.data?.["application/vnd.vegalite.v5+json"] !== undefined).length,
          chartsDrawn: drawn.length,
          picturesShown: cell.node.querySelectorAll(".jp-RenderedImage img").length,
        },
      ];
    });
  });
}

/** Adds a code cell after the last one (Esc, then B: below the active cell) and puts the cursor in it. */
export async function newCellAtEnd(page: Page): Promise<void> {
  await page.evaluate(() => {
    const notebook = (window as any).jupyterapp.shell.currentWidget.content;
    notebook.activeCellIndex = notebook.widgets.length - 1;
  });
  await page.locator(".jp-Notebook .jp-Cell.jp-mod-active").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Escape");
  await page.keyboard.press("b");
  await page.keyboard.press("Enter");
}

/** Puts the cursor in the active cell's editor and selects its text (typing then replaces it). */
export async function editActiveCell(page: Page): Promise<void> {
  await page.locator(".jp-Notebook .jp-Cell.jp-mod-active .cm-content").click();
  await page.keyboard.press("Control+a");
}

/** The source of the active cell. */
export async function activeSource(page: Page): Promise<string> {
  return page.evaluate(() => (window as any).jupyterapp.shell.currentWidget.content.activeCell.model.sharedModel.getSource() as string);
}

/** Types `code` into the active cell and runs it with Shift+Enter; resolves once the kernel is idle again. */
export async function typeAndRun(page: Page, code: string, timeoutMs: number): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press("Shift+Enter");
  await settled(page, timeoutMs);
}

/** Shuts the notebook's kernel down and closes the page, saving nothing. */
export async function closeWithoutSaving(page: Page): Promise<void> {
  await page.evaluate(() => (window as any).jupyterapp.shell.currentWidget.sessionContext.shutdown());
  await page.close();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
