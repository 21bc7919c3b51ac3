/**
 * The course in the browser, measured (Debian's Chromium, headless, on this machine; the site served locally):
 *   - what a student downloads before the first cell's result, cold (empty cache): every file the page asked
 *     for until then, gzip-compressed as a static host serves it (GitHub Pages compresses with gzip);
 *   - the time from opening lecture 01's link to the first cell's result, cold and warm (files cached);
 *   - lecture 03 in the page (Run All) next to the Node kernel (nbmake-ts, the kernel's own time per cell
 *     and the whole run).
 * Run: npm run bench:lite [-- runs]   (LITE_SITE=site to use a site built by npm run site)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { builtSite } from "../test/lite/built-site";
import { launch, openNotebook, runAll } from "../test/lite/jupyterlite";
import { serveFolder } from "../test/lite/static-server";
import { loadConfig, runNotebook } from "../tools/nbmake-ts/src";

const ROOT = join(__dirname, "..");
const runs = Number(process.argv[2] ?? 2);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const site = builtSite();
  const server = await serveFolder(site.folder);
  const browser = await launch(server.base);
  try {
    // Cold, then warm (same browser profile: its HTTP cache and JupyterLite's storage kept).
    const context = await browser.newContext();
    for (const visit of ["cold", "warm"]) {
      const page = await context.newPage();
      const asked: string[] = [];
      page.on("request", (request) => asked.push(new URL(request.url()).pathname));
      const started = Date.now();
      const ready = await openNotebook(page, server.base, "lectures/01-time-series.ipynb");
      let until: string[] = [];
      const firstResult = page
        .waitForFunction(
          () => document.querySelector(".jp-Notebook .jp-CodeCell .jp-OutputArea-output") !== null,
          null,
          { timeout: 600_000, polling: 20 },
        )
        .then(() => (until = asked.slice())); // what the page had asked for when the first result showed
      const run = await runAll(page, 600_000);
      await firstResult;
      const first = Date.now() - started - run.ms + run.firstOutputMs;
      if (visit === "cold") {
        const files = [...new Set(until)]
          .map((path) => join(site.folder, decodeURIComponent(path)))
          .filter((file) => /\.[a-z0-9]+$/i.test(file));
        const sizes = files.map((file) => {
          try {
            const bytes = readFileSync(file);
            return { raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
          } catch {
            return { raw: 0, gzip: 0 };
          }
        });
        const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
        const total = (key: "raw" | "gzip") => sizes.reduce((s, x) => s + x[key], 0);
        console.log(
          `downloaded before the first result (cold): ${mb(total("gzip"))} compressed (${mb(total("raw"))} uncompressed, ${files.length} files)`,
        );
      }
      console.log(
        `lecture 01, ${visit}: kernel ready ${seconds(ready)}, first cell's result ${seconds(first)} after opening the link; Run All ${seconds(run.ms)}`,
      );
      await page.close();
    }
    await context.close();
    for (let i = 1; i <= runs; i++) {
      const lectureContext = await browser.newContext();
      const page = await lectureContext.newPage();
      await openNotebook(page, server.base, "lectures/03-memory-and-rnn.ipynb");
      const run = await runAll(page, 900_000);
      await lectureContext.close();
      const node = await runNotebook(join(ROOT, "lectures", "03-memory-and-rnn.ipynb"), {
        root: ROOT,
        config: loadConfig(ROOT),
      });
      console.log(
        `lecture 03, run ${i}: page (Run All) ${seconds(run.ms)}; Node kernel ${seconds(node.kernelMs)} in its cells (${seconds(node.ms)} with its start and nbmake-ts's checks); ratio ${(run.ms / node.kernelMs).toFixed(2)}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
    site.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
