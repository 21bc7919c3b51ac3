/**
 * "Check yourself" answers, one click away (README, "For instructors"): in every front end the course is read
 * in, each answer must start collapsed, show its "Answer" toggle, and open on a click into visible text. Checked
 * in classic Notebook (served by `npm start`, the lectures opened without running them), in Debian's
 * `jupyter nbconvert --to html` and on the site (`npm run site`), for every lecture that has answers.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, launchChromium } from "./chromium";
import { CourseServer, startCourse } from "./course-server";
import { openNotebook } from "./notebook-page";
import { PYTHON, inCI, missingPieces, warnIfMissing } from "./prerequisites";

const ROOT = join(__dirname, "..", "..");
const OPEN = "<details><summary>Answer</summary>";
const LECTURES = readdirSync(join(ROOT, "lectures"))
  .filter((name) => name.endsWith(".ipynb"))
  .sort()
  .map((name) => ({ name, path: join(ROOT, "lectures", name), answers: readFileSync(join(ROOT, "lectures", name), "utf8").split(OPEN).length - 1 }))
  .filter((lecture) => lecture.answers > 0);

const missing = missingPieces();
warnIfMissing(missing);

it.runIf(inCI())("CI has everything the answers test needs", () => {
  expect(missing).toEqual([]);
});

interface Toggles {
  /** <details> elements whose toggle reads "Answer". */
  count: number;
  /** Toggles whose answer showed any text before the click (must be none). */
  openBefore: number;
  /** Toggles that opened into visible text on a click. */
  openedOnClick: number;
  /** Answers with a typeset formula inside (KaTeX on the site, MathJax in Notebook), after opening. */
  withTypesetMath: number;
}

/** Clicks every "Answer" toggle of the page in turn and reports what it saw (other <details>, such as a chart's menu, are left alone). */
async function clickEveryAnswer(page: Page): Promise<Toggles> {
  const answers = page.locator("details", { has: page.locator("> summary", { hasText: /^\s*Answer\s*$/ }) });
  const count = await answers.count();
  // Text below the toggle: the element is taller than its summary. (The answer may be bare text, not a
  // paragraph, as nbconvert 6.5 leaves it; a closed <details> keeps its content out of the layout.)
  const visibleText = (i: number) =>
    answers.nth(i).evaluate((details) => {
      const summary = details.querySelector(":scope > summary")!;
      return details.getBoundingClientRect().height - summary.getBoundingClientRect().height > 8;
    });
  let openBefore = 0;
  let openedOnClick = 0;
  let withTypesetMath = 0;
  for (let i = 0; i < count; i++) {
    if (await visibleText(i)) openBefore++;
    const summary = answers.nth(i).locator("> summary");
    await summary.scrollIntoViewIfNeeded();
    await summary.click();
    if (await visibleText(i)) openedOnClick++;
    if (await answers.nth(i).locator(".katex, .MathJax, mjx-container").count()) withTypesetMath++;
  }
  return { count, openBefore, openedOnClick, withTypesetMath };
}

describe.skipIf(missing.length > 0)("Check yourself answers, one click away", () => {
  let browser: Browser;
  const out = mkdtempSync(join(tmpdir(), "answers-"));

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it("the lectures have answers", () => {
    expect(LECTURES.length).toBeGreaterThan(3);
  });

  it("on the site: collapsed, opened by a click, formulas typeset", async () => {
    const site = join(out, "site");
    await promisify(execFile)("npm", ["run", "site", "--", "--out", site, ...LECTURES.map((l) => l.path)], { cwd: ROOT });
    for (const lecture of LECTURES) {
      const page = await browser.context.newPage();
      await page.goto(pathToFileURL(join(site, basename(lecture.name, ".ipynb") + ".html")).href);
      const toggles = await clickEveryAnswer(page);
      expect(toggles, lecture.name).toMatchObject({ count: lecture.answers, openBefore: 0, openedOnClick: lecture.answers });
      expect(toggles.withTypesetMath, `${lecture.name}: answers with a formula`).toBeGreaterThan(0);
      await page.close();
    }
  });

  it("in Debian's nbconvert HTML: collapsed, opened by a click", async () => {
    const html = join(out, "nbconvert");
    await promisify(execFile)(PYTHON, ["-m", "nbconvert", "--to", "html", "--output-dir", html, ...LECTURES.map((l) => l.path)]);
    for (const lecture of LECTURES) {
      const page = await browser.context.newPage();
      await page.goto(pathToFileURL(join(html, basename(lecture.name, ".ipynb") + ".html")).href);
      const toggles = await clickEveryAnswer(page);
      expect(toggles, lecture.name).toMatchObject({ count: lecture.answers, openBefore: 0, openedOnClick: lecture.answers });
      await page.close();
    }
  });

  it("in classic Notebook, before running anything: collapsed, opened by a click, formulas typeset", async () => {
    let server: CourseServer | undefined;
    try {
      server = await startCourse(ROOT);
      for (const lecture of LECTURES) {
        const page = await browser.context.newPage();
        await openNotebook(page, server.base, server.token, `lectures/${lecture.name}`);
        // Markdown is rendered and MathJax typesets it after the page opens.
        await page.waitForFunction((n) => document.querySelectorAll(".rendered_html details").length >= n, lecture.answers, { timeout: 30_000 });
        await page.waitForFunction(() => (window as any).MathJax?.Hub?.queue?.pending === 0, null, { timeout: 30_000 });
        const toggles = await clickEveryAnswer(page);
        expect(toggles, lecture.name).toMatchObject({ count: lecture.answers, openBefore: 0, openedOnClick: lecture.answers });
        expect(toggles.withTypesetMath, `${lecture.name}: answers with a formula`).toBeGreaterThan(0);
        await page.close();
      }
    } finally {
      await server?.stop();
    }
  });
});
