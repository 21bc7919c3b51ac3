/**
 * Driving the site's JupyterLite in Debian's Chromium (headless, playwright-core) as a student does: open a
 * notebook from its address, Run → Run All Cells from the menu, wait until nothing is queued. What the cells
 * produced is read from JupyterLab's notebook model (the deployment sets JupyterLite's `exposeAppInBrowser`),
 * exactly as a save would write it; what the page shows, from the DOM.
 *
 * The network is off but for the local server: Chromium resolves no other host, and any request elsewhere
 * is refused and recorded, so a test can assert that the course needs nothing from the internet.
 */
import type { BrowserContext, Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export interface LiteBrowser {
  /** A fresh browser profile (JupyterLite's storage empty), its requests restricted to the local server. */
  newContext(): Promise<BrowserContext>;
  /** Requests to anywhere but the local server (refused). */
  offsite: string[];
  /** Errors thrown in pages and workers (uncaught). */
  pageErrors: string[];
  close(): Promise<void>;
}

/** `webgpu`: give pages WebGPU, on the CPU (Chromium's SwiftShader adapter); without it they have none. */
export async function launch(
  base: string,
  options: { webgpu?: boolean } = {},
): Promise<LiteBrowser> {
  const { chromium } = await import("playwright-core");
  const { host, hostname } = new URL(base);
  const gpu = options.webgpu
    ? ["--enable-unsafe-webgpu", "--use-webgpu-adapter=swiftshader"]
    : ["--disable-gpu"];
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      ...gpu,
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE ${hostname}`,
    ],
  });
  const offsite: string[] = [];
  const pageErrors: string[] = [];
  return {
    offsite,
    pageErrors,
    async newContext() {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
      });
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (url.host === host || url.protocol === "data:" || url.protocol === "blob:")
          return route.continue();
        offsite.push(url.href);
        return route.abort();
      });
      context.on("page", (page) => page.on("pageerror", (error) => pageErrors.push(error.message)));
      return context;
    },
    close: () => browser.close(),
  };
}

export interface NotebookJson {
  cells: {
    cell_type: string;
    source: string | string[];
    metadata: { tags?: string[] };
    outputs?: Output[];
    execution_count?: number | null;
  }[];
  metadata: Record<string, unknown>;
}
export interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}

/** Opens `path` (in JupyterLite's contents) in JupyterLab and waits for its kernel to be idle; returns the ms that took. */
export async function openNotebook(page: Page, base: string, path: string): Promise<number> {
  const started = Date.now();
  await page.goto(`${base}lite/lab/index.html?path=${path}`);
  await page.waitForFunction(
    (name) => {
      const widget = (window as any).jupyterapp?.shell?.currentWidget;
      return (
        widget?.context?.path === name && widget.sessionContext?.session?.kernel?.status === "idle"
      );
    },
    path,
    { timeout: 120_000, polling: 100 },
  );
  return Date.now() - started;
}

export interface RunResult {
  /** The notebook as JupyterLab holds it after the run (nbformat JSON, outputs included). */
  notebook: NotebookJson;
  /** From Run All until the last cell finished, ms. */
  ms: number;
  /** From Run All until the first cell's first output, ms. */
  firstOutputMs: number;
}

/** Run → Run All Cells, from the menu bar; waits until the kernel is idle and no cell is queued or running. */
export async function runAll(page: Page, timeoutMs: number): Promise<RunResult> {
  const started = Date.now();
  await page.click('.lm-MenuBar-itemLabel:text-is("Run")');
  await page.click('.lm-Menu-itemLabel:text-is("Run All Cells")');
  const firstOutput = page
    .waitForFunction(
      () => document.querySelector(".jp-Notebook .jp-CodeCell .jp-OutputArea-output") !== null,
      null,
      { timeout: timeoutMs, polling: 50 },
    )
    .then(() => Date.now() - started);
  await page.waitForFunction(
    () => {
      const widget = (window as any).jupyterapp.shell.currentWidget;
      const busy = Array.from(
        document.querySelectorAll(".jp-Notebook .jp-CodeCell .jp-InputArea-prompt"),
      ).some((p) => p.textContent!.includes("*"));
      return !busy && widget.sessionContext.session.kernel.status === "idle";
    },
    null,
    { timeout: timeoutMs, polling: 250 },
  );
  const ms = Date.now() - started;
  const notebook = (await page.evaluate(() =>
    (window as any).jupyterapp.shell.currentWidget.content.model.toJSON(),
  )) as NotebookJson;
  return { notebook, ms, firstOutputMs: await firstOutput };
}

/** Charts the open notebook shows: vega-embed views holding a canvas or an SVG with marks. */
export function drawnCharts(page: Page): Promise<number> {
  return page.evaluate(() => {
    const notebook = (window as any).jupyterapp.shell.currentWidget.node as HTMLElement;
    return Array.from(notebook.querySelectorAll(".vega-embed")).filter((view) =>
      view.querySelector("canvas, svg .mark-group, svg .marks"),
    ).length;
  });
}

/**
 * Runs `cells` one by one in the kernel of a new notebook (`scratch.ipynb`, made in JupyterLite's storage),
 * through JupyterLab's kernel API; returns what each printed (streams), and the completions of `complete`
 * at its end.
 */
export async function runCells(
  page: Page,
  base: string,
  cells: string[],
  complete = "",
): Promise<{ outputs: string[]; completion: string[] }> {
  await page.goto(`${base}lite/lab/index.html`);
  await page.waitForFunction(() => (window as any).jupyterapp?.serviceManager?.sessions, null, {
    timeout: 120_000,
  });
  return page.evaluate(
    async ({ cells, complete }) => {
      const manager = (window as any).jupyterapp.serviceManager;
      await manager.contents.save("scratch.ipynb", {
        type: "notebook",
        format: "json",
        content: { cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 },
      });
      const session = await manager.sessions.startNew({
        path: "scratch.ipynb",
        type: "notebook",
        name: "scratch.ipynb",
        kernel: { name: "tslab" },
      });
      const kernel = session.kernel;
      const outputs: string[] = [];
      for (const code of cells) {
        let printed = "";
        const future = kernel.requestExecute({ code, stop_on_error: false });
        future.onIOPub = (msg: any) => {
          if (msg.header.msg_type === "stream") printed += msg.content.text;
        };
        await future.done;
        outputs.push(printed);
      }
      const reply = await kernel.requestComplete({ code: complete, cursor_pos: complete.length });
      return { outputs, completion: reply.content.matches as string[] };
    },
    { cells, complete },
  );
}

/** The text of a multiline nbformat string. */
export const text = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? value.join("") : (value ?? "");
