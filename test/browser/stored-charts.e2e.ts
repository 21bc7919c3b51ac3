/**
 * Stored charts in Debian's `jupyter nbconvert --to html` (nbconvert 6.5, whose sanitizer empties an SVG):
 * every lecture is converted as it is committed, and Chromium must show each chart output as a decoded,
 * visible picture. (Classic Notebook before running is checked in student-path.e2e.ts; the other front ends'
 * choices in test/chart-frontends.test.ts.)
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, launchChromium } from "./chromium";
import { PYTHON, inCI, missingPieces, warnIfMissing } from "./prerequisites";

const ROOT = join(__dirname, "..", "..");
const SCREENSHOTS = join(ROOT, "test", "browser", "screenshots");
const LECTURES = readdirSync(join(ROOT, "lectures"))
  .filter((name) => name.endsWith(".ipynb"))
  .sort()
  .map((name) => join(ROOT, "lectures", name));

const missing = missingPieces();
warnIfMissing(missing);

it.runIf(inCI())("CI has everything the nbconvert test needs", () => {
  expect(missing).toEqual([]);
});

describe.skipIf(missing.length > 0)("stored charts in nbconvert's HTML", () => {
  const out = mkdtempSync(join(tmpdir(), "nbconvert-"));
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await promisify(execFile)(PYTHON, ["-m", "nbconvert", "--to", "html", "--output-dir", out, ...LECTURES]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it.each(LECTURES.map((path) => [basename(path), path]))("%s: every chart is a visible picture", async (name, path) => {
    const notebook = JSON.parse(readFileSync(path, "utf8"));
    const charts = notebook.cells
      .flatMap((cell: { outputs?: { data?: Record<string, unknown> }[] }) => cell.outputs ?? [])
      .filter((output: { data?: Record<string, unknown> }) => output.data?.["application/vnd.vegalite.v5+json"] !== undefined).length;
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(join(out, name.replace(/\.ipynb$/, ".html"))).href);
    const shown = await page.evaluate(() => {
      const images = Array.from(document.querySelectorAll("img")).filter((img) => img.src.startsWith("data:image/png"));
      return images.filter((img) => img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().width > 0).length;
    });
    if (name.startsWith("01-")) {
      await page.locator("img").first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, "nbconvert-lecture-01.png") });
    }
    expect(charts).toBeGreaterThan(0);
    expect(shown, "pictures shown vs chart outputs").toBe(charts);
    await page.close();
  });
});
