/**
 * The student's path, end to end, in a real browser: the instructor releases the student repository
 * (`npm run release -- --out DIR`); in it, `npm ci` and `npm start` as its README says; lecture 01, opened
 * without running it, shows every stored chart as a picture; a student who has written exercise 1 runs its
 * notebook with Cell → Run All and sees every chart and the checks' report; then a signal to `npm start`
 * stops Jupyter and leaves no kernel behind.
 *
 * `npm ci` here needs the packages of the course's lock file: from npm's cache when the course was installed
 * on this machine (as in CI), else from the registry.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, launchChromium } from "./chromium";
import { CourseServer, leftoverKernels, startCourse } from "./course-server";
import { cellRuns, openNotebook, runAll, screenshotNotebook, storedPictures } from "./notebook-page";
import { inCI, missingPieces, warnIfMissing } from "./prerequisites";

const ROOT = join(__dirname, "..", "..");
const SCREENSHOTS = join(ROOT, "test", "browser", "screenshots");
const EXERCISE = "ex01-lookback";

const missing = missingPieces();
warnIfMissing(missing);

it.runIf(inCI())("CI has everything the student-path test needs", () => {
  expect(missing).toEqual([]);
});

describe.skipIf(missing.length > 0)("the released student repository, as a student opens it", () => {
  const student = mkdtempSync(join(tmpdir(), "student-repo-"));
  let browser: Browser | undefined;
  let server: CourseServer | undefined;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await promisify(execFile)("npm", ["run", "release", "--", "--out", student], { cwd: ROOT });
    const started = Date.now();
    await promisify(execFile)("npm", ["ci", "--no-audit", "--no-fund"], { cwd: student, maxBuffer: 1 << 24 });
    console.log(`npm ci in the student repository: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The student has done exercise 1 (the instructor's solution stands in for their code).
    copyFileSync(join(ROOT, "solutions", EXERCISE, "lookback.ts"), join(student, "exercises", EXERCISE, "lookback.ts"));
    server = await startCourse(student);
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(student, { recursive: true, force: true });
  });

  it("lecture 01, not run, shows every stored chart as a picture (the notebook is not trusted)", async () => {
    const page = await browser!.context.newPage();
    await openNotebook(page, server!.base, server!.token, "lectures/01-time-series.ipynb");
    const pictures = await storedPictures(page);
    await screenshotNotebook(page, join(SCREENSHOTS, "student-lecture-01-not-run.png"));
    expect(pictures.trusted).toBe(false);
    expect(pictures.outputs).toBeGreaterThan(0);
    expect(pictures.visible, "charts shown vs stored chart outputs").toBe(pictures.outputs);
    await page.close();
  });

  it("Run All in an exercise's notebook draws every chart and prints the checks' report", async () => {
    const page = await browser!.context.newPage();
    await openNotebook(page, server!.base, server!.token, `exercises/${EXERCISE}/${EXERCISE}.ipynb`);
    await runAll(page, 120_000);
    const runs = await cellRuns(page);
    await screenshotNotebook(page, join(SCREENSHOTS, "student-exercise-run.png"));
    for (const run of runs) {
      expect(run.executionCount, `cell ${run.cell} did not run`).not.toBeNull();
      expect(run.errors, `cell ${run.cell} wrote errors`).toEqual([]);
      expect(run.visiblePictures, `cell ${run.cell}: charts shown vs chart outputs`).toBe(run.pictureOutputs);
    }
    expect(runs.reduce((sum, run) => sum + run.pictureOutputs, 0), "charts drawn").toBeGreaterThan(0);
    const report = runs.map((run) => run.stdout).join("");
    expect(report).toMatch(new RegExp(`${EXERCISE}: (\\d+)/\\1 points, all passed`));
    await page.close();
  });

  it("SIGTERM to npm start stops Jupyter and leaves no kernel running", async () => {
    expect(leftoverKernels(student).length, "kernels of the notebooks opened above").toBeGreaterThan(0);
    await server!.signal("SIGTERM");
    // Jupyter shuts its kernels down before it exits; the kernel guard ends any it could not within a second.
    const deadline = Date.now() + 5_000;
    while (leftoverKernels(student).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(leftoverKernels(student), "kernels still running after SIGTERM").toEqual([]);
    expect(server!.log(), "Jupyter's log").not.toMatch(/Traceback/);
  });
});
