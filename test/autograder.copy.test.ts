/**
 * The private copy of a submission (autograder/sandbox/copy.ts): surveyed before anything is copied, each
 * limit refusing the submission at once with a message that names it, links to folders and out of the
 * submission never followed, and a fingerprint that changes with what grading would read.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COPY_LIMITS, SubmissionRefused, copySubmission, fingerprint, survey } from "../autograder/sandbox/copy";

const scratch = mkdtempSync(join(tmpdir(), "autograder-copy-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A submission with exercises/ex00-sum/sum.ts, then whatever `build` adds to its exercises/ folder. */
function submission(name: string, build: (exercises: string) => void = () => {}): string {
  const folder = join(scratch, name);
  const exercises = join(folder, "exercises");
  mkdirSync(join(exercises, "ex00-sum"), { recursive: true });
  writeFileSync(join(exercises, "ex00-sum", "sum.ts"), "export const windowSums = () => [];\n");
  build(exercises);
  return folder;
}

/** A file of `bytes` that takes no disk space: the survey reads sizes, and refuses before copying. */
function sparse(path: string, bytes: number): void {
  writeFileSync(path, "");
  truncateSync(path, bytes);
}

const refusal = (folder: string) => {
  try {
    survey(folder);
  } catch (error) {
    expect(error).toBeInstanceOf(SubmissionRefused);
    return (error as Error).message;
  }
  return "not refused";
};

describe("the submission's copy", () => {
  it("refuses, before copying anything, a submission over each limit, naming it", () => {
    const over = {
      files: submission("files", (e) => {
        for (let i = 0; i <= COPY_LIMITS.files; i++) writeFileSync(join(e, "ex00-sum", `f${i}.txt`), "");
      }),
      folders: submission("folders", (e) => {
        for (let i = 0; i <= COPY_LIMITS.folders; i++) mkdirSync(join(e, `d${i}`));
      }),
      depth: submission("depth", (e) => mkdirSync(join(e, ...Array.from({ length: COPY_LIMITS.depth + 1 }, (_, i) => `level${i}`)), { recursive: true })),
      bytes: submission("bytes", (e) => sparse(join(e, "ex00-sum", "data.bin"), COPY_LIMITS.bytes + 1)),
      typeScript: submission("typescript", (e) => sparse(join(e, "ex00-sum", "big.ts"), COPY_LIMITS.typeScriptBytes + 1)),
      entries: submission("entries", (e) => {
        mkdirSync(join(e, "node_modules"));
        for (let i = 0; i <= COPY_LIMITS.entries; i++) writeFileSync(join(e, `.hidden-${i}`), "");
      }),
    };
    expect(refusal(over.files)).toBe("the submission holds more than 2000 files; the grader refuses it before grading (is a data or dependency folder inside exercises/?)");
    expect(refusal(over.folders)).toMatch(/^the submission holds more than 500 folders;/);
    expect(refusal(over.depth)).toMatch(/^the submission holds folders nested more than 16 deep \(exercises\/level0\/.*level16\);/);
    expect(refusal(over.bytes)).toMatch(/^the submission holds more than 50 MiB of files;/);
    expect(refusal(over.typeScript)).toMatch(/^the submission holds more than 4 MiB of TypeScript;/);
    expect(refusal(over.entries)).toMatch(/^the submission holds more than 10000 files and folders in all;/);
    const into = mkdtempSync(join(scratch, "copy-"));
    expect(() => copySubmission(over.bytes, into)).toThrow(SubmissionRefused);
    expect(readdirSync(into)).toEqual([]); // nothing was copied
  });

  it("copies links to files inside the submission as files, and names links to folders or outside it", () => {
    const folder = submission("links", (e) => {
      writeFileSync(join(e, "shared.ts"), "export const x = 1;\n");
      symlinkSync("../shared.ts", join(e, "ex00-sum", "helper.ts"));
      symlinkSync("..", join(e, "ex00-sum", "up"));
      symlinkSync("/etc", join(e, "ex00-sum", "etc"));
    });
    const into = mkdtempSync(join(scratch, "copy-"));
    const copy = copySubmission(folder, into);
    expect(readdirSync(join(into, "ex00-sum")).sort()).toEqual(["helper.ts", "sum.ts"]);
    expect(copy.refused).toEqual([
      { path: "exercises/ex00-sum/etc", why: "a symbolic link to /etc, outside the submission" },
      { path: "exercises/ex00-sum/up", why: "a symbolic link to a folder: the grader follows links to files only" },
    ]);
    const linked = submission("linked-exercises", () => {});
    rmSync(join(linked, "exercises"), { recursive: true });
    mkdirSync(join(linked, "work"));
    symlinkSync("work", join(linked, "exercises"));
    expect(refusal(linked)).toBe("exercises/ is a symbolic link (to work): the grader does not follow links to folders; submit the folder itself");
  });

  it("fingerprints what grading reads: the same for the same files, another for any change", () => {
    const a = submission("print-a");
    const b = submission("print-b");
    expect(fingerprint(a)).toBe(fingerprint(b));
    writeFileSync(join(b, "exercises", "ex00-sum", "sum.ts"), "export const windowSums = () => [1];\n");
    expect(fingerprint(b)).not.toBe(fingerprint(a));
    writeFileSync(join(a, "exercises", "notes.md"), "");
    expect(fingerprint(a)).not.toBe(fingerprint(submission("print-c")));
    writeFileSync(join(a, "exercises", ".ignored"), "dot files are not copied");
    const before = fingerprint(a);
    writeFileSync(join(a, "exercises", ".ignored"), "nor read");
    expect(fingerprint(a)).toBe(before);
  });
});
