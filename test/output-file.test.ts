/**
 * Single output files (tools/output-file.ts), as the grader's bundle and the Gradescope archive are written:
 * an earlier output of the command is replaced, anything else at the path is kept byte for byte and refused
 * unless --force. (It is written through write-if-changed.ts: whole or not at all.)
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isBundle } from "../autograder/build";
import { encode } from "../autograder/core";
import { BUNDLE_FORMAT } from "../autograder/references/bundle";
import { ArgumentError } from "../src/errors";
import { checkOutputFile, writeOutputFile } from "../tools/output-file";

const scratch = mkdtempSync(join(tmpdir(), "output-file-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let count = 0;
const folder = () => {
  const dir = join(scratch, `case-${++count}`);
  mkdirSync(dir);
  return dir;
};
const command = "npm run autograder:build";
const bundle = (format: string) => encode({ format, exercises: [] }) + "\n";

describe("a command's single output file", () => {
  it("is written at a new path, its folders made", () => {
    const path = join(folder(), "deep", "bundle.json");
    writeOutputFile(path, bundle(BUNDLE_FORMAT), { command, isOwn: isBundle });
    expect(readFileSync(path, "utf8")).toBe(bundle(BUNDLE_FORMAT));
  });

  it("replaces an earlier output of the command, of this format or an older one", () => {
    const path = join(folder(), "bundle.json");
    writeFileSync(path, bundle("rnn-course-autograder-bundle/1"));
    writeOutputFile(path, bundle(BUNDLE_FORMAT), { command, isOwn: isBundle });
    expect(readFileSync(path, "utf8")).toBe(bundle(BUNDLE_FORMAT));
  });

  it.each([
    ["the user's notes", "notes I must keep\n"],
    ["another program's JSON", '{"format": "someone-else/1"}\n'],
    ["JSON that is not an object", "null\n"],
  ])("refuses a path holding %s, keeping it byte for byte, and says how to go on", (_, content) => {
    const dir = folder();
    const path = join(dir, "bundle.json");
    writeFileSync(path, content);
    const attempt = () =>
      writeOutputFile(path, bundle(BUNDLE_FORMAT), { command, isOwn: isBundle });
    expect(attempt).toThrow(ArgumentError);
    expect(attempt).toThrow(
      `--out: expected a file ${command} wrote, or a new path, received ${JSON.stringify(path)}`,
    );
    expect(attempt).toThrow("Add --force to overwrite it, or choose another path");
    expect(readFileSync(path, "utf8")).toBe(content);
    expect(readdirSync(dir)).toEqual(["bundle.json"]);
  });

  it("refuses a folder, naming the argument", () => {
    const dir = folder();
    expect(() =>
      checkOutputFile(dir, { command, isOwn: isBundle, argument: "--bundle-out" }),
    ).toThrow(
      `--bundle-out: expected a file's path, received ${JSON.stringify(`${dir} (a folder)`)}`,
    );
  });

  it("with --force overwrites a file it did not write, saying so first", () => {
    const dir = folder();
    const path = join(dir, "bundle.json");
    writeFileSync(path, "notes\n");
    const said: string[] = [];
    writeOutputFile(path, bundle(BUNDLE_FORMAT), {
      command,
      isOwn: isBundle,
      force: true,
      log: (line) => said.push(line),
    });
    expect(said).toEqual([`${command} --force: overwriting ${path}, which it did not write.`]);
    expect(readFileSync(path, "utf8")).toBe(bundle(BUNDLE_FORMAT));
    expect(readdirSync(dir)).toEqual(["bundle.json"]);
  });
});
