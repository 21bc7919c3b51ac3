/**
 * The lectures' explorable charts (vega-lite parameters bound to sliders or radio buttons) in a real browser:
 * `npm run site` renders the stored notebooks, Chromium opens the pages from disk, vega-embed draws every
 * chart from the spec stored in its notebook, and each control of each explorable, moved to two positions,
 * must give two different pictures. No kernel runs: the variants are all in the stored spec.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, launchChromium } from "./chromium";
import { inCI, missingPieces, warnIfMissing } from "./prerequisites";
import { picturesPerControl } from "./vega-controls";

const ROOT = join(__dirname, "..", "..");
const SCREENSHOTS = join(ROOT, "test", "browser", "screenshots");
/** The lectures that teach with an explorable, and how many each stores (specs with a bound parameter). */
const LECTURES = readdirSync(join(ROOT, "lectures"))
  .filter((name) => /^0[23567]-.*\.ipynb$/.test(name))
  .map((name) => ({ name, path: join(ROOT, "lectures", name), slug: name.replace(/\.ipynb$/, "") }));

function storedExplorables(path: string): number {
  const cells = JSON.parse(readFileSync(path, "utf8")).cells as { outputs?: { data?: Record<string, any> }[] }[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  return cells
    .flatMap((cell) => cell.outputs ?? [])
    .filter((output) => output.data?.["application/vnd.vegalite.v5+json"]?.params?.some((p: { bind?: unknown }) => p.bind)).length;
}

const missing = missingPieces(LECTURES.map((l) => l.path));
warnIfMissing(missing);

it.runIf(inCI())("CI has everything the browser tests need", () => {
  expect(missing).toEqual([]);
});

describe.skipIf(missing.length > 0)("explorable charts on the course site", () => {
  let browser: Browser;
  const out = mkdtempSync(join(tmpdir(), "course-explorables-"));

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync("npm", ["run", "site", "--", "--no-lite", "--out", out, ...LECTURES.map((l) => l.path)], { cwd: ROOT, stdio: "pipe" });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it("five lectures carry explorables", () => {
    expect(LECTURES.map((l) => l.name.slice(0, 2))).toEqual(["02", "03", "05", "06", "07"]);
    for (const lecture of LECTURES) expect(storedExplorables(lecture.path), lecture.name).toBeGreaterThanOrEqual(1);
  });

  it.each(LECTURES)("$name: every control of every explorable, moved to two positions, changes the picture", async (lecture) => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    try {
      await page.goto(pathToFileURL(join(out, `${lecture.slug}.html`)).href);
      // vega-embed removes a chart's stored picture once it has drawn the chart.
      await page.waitForFunction(() => document.querySelectorAll(".chart .fallback").length === 0, null, { timeout: 60_000 });
      const explorables = page.locator(".chart").filter({ has: page.locator(".vega-bindings .vega-bind") });
      expect(await explorables.count(), "explorables drawn vs stored in the notebook").toBe(storedExplorables(lecture.path));
      for (let i = 0; i < (await explorables.count()); i++) {
        const chart = explorables.nth(i);
        await chart.scrollIntoViewIfNeeded();
        for (const [j, [first, second]] of (await picturesPerControl(page, chart)).entries()) {
          expect(first === second, `chart ${i + 1}, control ${j + 1}: the same picture at both positions`).toBe(false);
        }
        await chart.screenshot({ path: join(SCREENSHOTS, `explorable-${lecture.slug.slice(0, 2)}-${i + 1}.png`) });
      }
      expect(errors, "errors in the page").toEqual([]);
    } finally {
      await page.close();
    }
  });
});
