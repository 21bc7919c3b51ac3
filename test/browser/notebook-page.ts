/**
 * Classic Jupyter Notebook (6.x) driven like a student drives it: open the notebook, Cell → Run All, wait.
 * What a cell did is read from the page's notebook model (`Jupyter.notebook`), what it shows from the DOM.
 */
import type { Page } from "playwright-core";

export interface CellRun {
  /** 1-based, markdown cells included, as a reader counts them. */
  cell: number;
  executionCount: number | null;
  /** Text of stderr streams and error outputs: tslab reports a failed cell as stderr. */
  errors: string[];
  expectsError: boolean;
  /** How many outputs carry a chart's picture (PNG), and how many of those the page shows, decoded and visible. */
  pictureOutputs: number;
  visiblePictures: number;
  /** Everything the cell printed to stdout. */
  stdout: string;
}

/**
 * Chart outputs as the page shows them before anything runs: how many outputs carry a picture (PNG) and
 * how many pictures the page shows, decoded and visible (an untrusted notebook would hide an SVG).
 */
export async function storedPictures(page: Page): Promise<{ outputs: number; visible: number; trusted: boolean }> {
  return page.evaluate(() => {
    const cells = (window as any).Jupyter.notebook.get_cells() as any[];
    const outputs = cells.flatMap((cell) => (cell.output_area?.outputs ?? []) as any[]).filter((o) => o.data?.["image/png"] !== undefined);
    const images = Array.from(document.querySelectorAll(".output_png img") as NodeListOf<HTMLImageElement>);
    const visible = images.filter((img) => img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().width > 0);
    return { outputs: outputs.length, visible: visible.length, trusted: (window as any).Jupyter.notebook.trusted === true };
  });
}

/** Opens `path` (relative to the server root) and waits until its kernel is connected and idle. */
export async function openNotebook(page: Page, base: string, token: string, path: string): Promise<void> {
  await page.goto(`${base}notebooks/${path}?token=${token}`);
  await page.waitForFunction(() => (window as any).Jupyter?.notebook?.kernel?.is_connected?.() === true, null, { timeout: 60_000 });
  await page.waitForSelector("#kernel_indicator_icon.kernel_idle_icon", { timeout: 60_000 });
  // The test must not write into the course's files: no autosave (it runs every 2 minutes by default).
  await page.evaluate(() => (window as any).Jupyter.notebook.set_autosave_interval(0));
}

/** Cell → Run All from the menu bar, then waits until no cell is queued or running and the kernel is idle. */
export async function runAll(page: Page, timeoutMs: number): Promise<void> {
  await page.click("#celllink");
  await page.click("#run_all_cells > a");
  await page.waitForFunction(
    () => {
      const prompts = Array.from(document.querySelectorAll(".code_cell .input_prompt"));
      const busy = prompts.some((p) => p.textContent!.includes("*"));
      return !busy && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
    },
    null,
    { timeout: timeoutMs, polling: 250 },
  );
}

/** One report per code cell. */
export async function cellRuns(page: Page): Promise<CellRun[]> {
  return page.evaluate(() => {
    const cells = (window as any).Jupyter.notebook.get_cells() as any[];
    return cells.flatMap((cell, index) => {
      if (cell.cell_type !== "code") return [];
      const outputs = cell.output_area.outputs as any[];
      const visible = Array.from(cell.element[0].querySelectorAll(".output_png img") as ArrayLike<HTMLImageElement>).filter((img) => {
        const box = img.getBoundingClientRect();
        return img.complete && img.naturalWidth > 0 && box.width > 0 && box.height > 0;
      });
      return [
        {
          cell: index + 1,
          executionCount: typeof cell.input_prompt_number === "number" ? cell.input_prompt_number : null,
          errors: outputs
            .filter((o) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr"))
            .map((o) => (o.output_type === "error" ? `${o.ename}: ${o.evalue}` : o.text)),
          expectsError: (cell.metadata.tags ?? []).includes("raises-exception"),
          pictureOutputs: outputs.filter((o) => o.data?.["image/png"] !== undefined).length,
          visiblePictures: visible.length,
          stdout: outputs
            .filter((o) => o.output_type === "stream" && o.name === "stdout")
            .map((o) => o.text)
            .join(""),
        },
      ];
    });
  });
}

/** A screenshot of the whole notebook (its scrolling area, not only the first screen). */
export async function screenshotNotebook(page: Page, path: string): Promise<void> {
  const height = await page.evaluate(() => document.querySelector("#notebook-container")!.scrollHeight + 200);
  await page.setViewportSize({ width: 1280, height: Math.min(height, 12_000) });
  await page.screenshot({ path });
}
