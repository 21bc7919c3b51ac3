/**
 * Every lecture in the site's JupyterLite, in Chromium, with the network off: opened from its "Open in the
 * browser" link's address, Run All, and then every cell has run without error, every chart is drawn, and
 * every output equals the one the Node kernel stored in the notebook (nbmake-ts's comparison: numbers within
 * the project's tolerance, charts by their vega-lite spec), but for the device line, whose reasons differ in
 * a browser. Each chart also carries the PNG the kernel rendered in the page, of the stored one's size.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareOutputs, VEGA_LITE } from "../../tools/nbmake-ts/src/compare";
import { loadConfig, type Config } from "../../tools/nbmake-ts/src/config";
import { ROOT, builtSite, inCI, missingPieces, warnIfMissing } from "./built-site";
import {
  drawnCharts,
  launch,
  openNotebook,
  runAll,
  text,
  type LiteBrowser,
  type NotebookJson,
  type Output,
} from "./jupyterlite";
import { serveFolder, type StaticSite } from "./static-server";

const LECTURES = readdirSync(join(ROOT, "lectures"))
  .filter((name) => name.endsWith(".ipynb"))
  .sort();

/** The project's comparison, and the device line's reasons left out (a page has no tfjs-node to look for). */
const CONFIG: Config = (() => {
  const config = loadConfig(ROOT);
  const reasons = {
    why: "useDevice's reasons differ between Node and a browser",
    pattern: "device: (\\w+) \\((?:[^()]|\\([^()]*\\))*\\)",
    replacement: "device: $1 (<reasons>)",
  };
  return { ...config, sanitize: [...config.sanitize, reasons] };
})();

const missing = missingPieces();
warnIfMissing(missing);

it.runIf(inCI())("CI has everything the JupyterLite tests need", () => {
  expect(missing).toEqual([]);
});

describe.skipIf(missing.length > 0)("the lectures in JupyterLite", () => {
  let site: ReturnType<typeof builtSite>;
  let server: StaticSite;
  let browser: LiteBrowser;
  const timings: string[] = [];

  beforeAll(async () => {
    site = builtSite();
    server = await serveFolder(site.folder);
    browser = await launch(server.base);
  });

  afterAll(async () => {
    console.log(`JupyterLite, per lecture: ${timings.join("; ")}`);
    await browser?.close();
    await server?.close();
    site?.dispose();
  });

  it("links every lecture page to its notebook in JupyterLite", () => {
    for (const name of LECTURES) {
      const page = readFileSync(join(site.folder, name.replace(/\.ipynb$/, ".html")), "utf8");
      expect(page).toContain(
        `<a href="lite/lab/index.html?path=lectures/${name}">Open in the browser</a>`,
      );
      expect(
        JSON.parse(readFileSync(join(site.folder, "lite", "files", "lectures", name), "utf8")).cells
          .length,
      ).toBeGreaterThan(0);
    }
  });

  // Two lectures at a time: each kernel is one worker, one core; the pages themselves mostly wait.
  describe.concurrent("each lecture", () => {
    for (const name of LECTURES) {
      it(`${name}: Run All gives the Node kernel's outputs, every chart drawn`, async () => {
        const context = await browser.newContext();
        const page = await context.newPage();
        try {
          const ready = await openNotebook(page, server.base, `lectures/${name}`);
          const run = await runAll(page, 600_000);
          const stored = JSON.parse(
            readFileSync(join(ROOT, "lectures", name), "utf8"),
          ) as NotebookJson;
          const [same, all] = identicalPictures(stored, run.notebook);
          timings.push(
            `${name.slice(0, 2)} open ${(ready / 1000).toFixed(1)} s, first output ${(run.firstOutputMs / 1000).toFixed(1)} s, run all ${(run.ms / 1000).toFixed(1)} s, ${same} of ${all} PNGs identical to Node's`,
          );
          expect(problems(stored, run.notebook)).toEqual([]);
          const charts = run.notebook.cells
            .flatMap((cell) => cell.outputs ?? [])
            .filter((output) => output.data?.[VEGA_LITE]);
          expect(charts.length).toBeGreaterThan(0);
          expect(await drawnCharts(page)).toBe(charts.length);
        } finally {
          await context.close();
        }
      });
    }
  });

  it("asked nothing of any other host, and found every file it asked for", () => {
    expect(browser.offsite).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
    expect(server.missing.filter((path) => !KNOWN_MISSING.includes(path))).toEqual([]);
  });
});

/** Browsers ask every host for /favicon.ico; the site has none (JupyterLite's pages name their own). */
const KNOWN_MISSING = ["/favicon.ico"];

/** What is wrong with the fresh notebook, cell by cell (empty when it ran as the Node kernel did). */
function problems(stored: NotebookJson, fresh: NotebookJson): string[] {
  const found: string[] = [];
  stored.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const now = fresh.cells[i];
    const where = `cell ${i + 1} (${text(cell.source).split("\n")[0].slice(0, 50)})`;
    if (typeof now.execution_count !== "number") return void found.push(`${where} did not run`);
    const errors = (now.outputs ?? []).filter(
      (o) => o.output_type === "error" || o.name === "stderr",
    );
    if (errors.length)
      found.push(
        `${where} failed: ${errors
          .map((o) => text(o.text) || JSON.stringify(o))
          .join("\n")
          .slice(0, 1500)}`,
      );
    if (cell.metadata.tags?.includes("nbval-ignore-output")) return;
    const difference = compareOutputs(cell.outputs ?? [], now.outputs ?? [], CONFIG);
    if (difference) found.push(`${where}: ${difference}`);
    pictureSizes(cell.outputs ?? [], now.outputs ?? []).forEach((problem) =>
      found.push(`${where}: ${problem}`),
    );
  });
  return found;
}

/** Each chart's PNG, rendered in the page, has the size of the one Node stored. */
function pictureSizes(stored: Output[], fresh: Output[]): string[] {
  const sizes = (outputs: Output[]) =>
    outputs.filter((o) => o.data?.[VEGA_LITE]).map((o) => pngSize(o.data?.["image/png"]));
  const [before, after] = [sizes(stored), sizes(fresh)];
  return after.flatMap((size, k) =>
    size === before[k] ? [] : [`chart ${k + 1}: PNG ${size}, stored ${before[k]}`],
  );
}

/** How many of the fresh charts' PNGs are, byte for byte, the stored ones (for the log), of how many. */
function identicalPictures(stored: NotebookJson, fresh: NotebookJson): [number, number] {
  const pngs = (notebook: NotebookJson) =>
    notebook.cells
      .flatMap((c) => c.outputs ?? [])
      .filter((o) => o.data?.[VEGA_LITE])
      .map((o) => text(o.data?.["image/png"] as string).replace(/\s/g, ""));
  const [before, after] = [pngs(stored), pngs(fresh)];
  return [after.filter((png, k) => png === before[k]).length, after.length];
}

/** "width×height" of a base64 PNG, from its header; "missing" when there is none. */
function pngSize(data: unknown): string {
  if (typeof data !== "string" && !Array.isArray(data)) return "missing";
  const bytes = Buffer.from(text(data as string | string[]), "base64");
  if (bytes.subarray(1, 4).toString() !== "PNG") return "not a PNG";
  return `${bytes.readUInt32BE(16)}×${bytes.readUInt32BE(20)}`;
}
