// What the grader compiles is kept between runs (autograder/sandbox/compile-cache.ts): the same inputs give
// the kept result without deriving it again, other inputs derive anew, and a folder that cannot be written
// only means nothing is kept.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kept } from "../autograder/sandbox/compile-cache";
import { transpileFile } from "../autograder/sandbox/transpile";

const scratch = mkdtempSync(join(tmpdir(), "compile-cache-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("kept", () => {
  it("derives once for the same inputs, and again for other inputs or another kind", () => {
    const folder = join(scratch, "kept");
    let derived = 0;
    const derive = () => `value ${++derived}`;
    expect(kept("k", ["a", "b"], derive, { folder })).toBe("value 1");
    expect(kept("k", ["a", "b"], derive, { folder })).toBe("value 1");
    expect(kept("k", ["ab", ""], derive, { folder })).toBe("value 2"); // the inputs' boundaries count
    expect(kept("other", ["a", "b"], derive, { folder })).toBe("value 3");
    expect(readdirSync(folder).filter((name) => name.endsWith(".partial"))).toEqual([]);
  });

  it("keeps nothing when told not to (a student's files)", () => {
    const folder = join(scratch, "not-kept");
    let derived = 0;
    const derive = () => `value ${++derived}`;
    expect(kept("k", ["a"], derive, { folder, keep: false })).toBe("value 1");
    expect(kept("k", ["a"], derive, { folder, keep: false })).toBe("value 2");
    expect(existsSync(folder)).toBe(false);
  });

  it("still answers, keeping nothing, where its folder cannot be made", () => {
    const file = join(scratch, "a-file");
    writeFileSync(file, "");
    const folder = join(file, "kept"); // under a file: no one, root included, can make it
    let derived = 0;
    const derive = () => `value ${++derived}`;
    expect(kept("k", ["a"], derive, { folder })).toBe("value 1");
    expect(kept("k", ["a"], derive, { folder })).toBe("value 2");
    expect(readdirSync(scratch)).not.toContainEqual(expect.stringMatching(/partial/));
  });
});

describe("transpileFile, kept", () => {
  it("gives a student's syntax error the same message the first time and when kept", () => {
    const file = join(scratch, "broken.ts");
    writeFileSync(file, `export function f(x: number) {\n  return x +;\n}\n// ${Math.random()}\n`);
    const first = transpileFile(file, "ex99-demo/broken.ts");
    expect(first).toMatch(/^throw new SyntaxError\(".*ex99-demo\/broken\.ts:2:\d+: Expression expected\.?"\);/);
    expect(transpileFile(file, "ex99-demo/broken.ts")).toBe(first);
  });

  it("compiles a changed file anew, and the same text at another path to the same module", () => {
    const file = join(scratch, "sum.ts");
    writeFileSync(file, "export const sum = (a: number, b: number): number => a + b;\n");
    const before = transpileFile(file, "sum.ts");
    expect(before).toContain("const sum = (a, b) => a + b;");
    writeFileSync(file, "export const sum = (a: number, b: number): number => b + a;\n");
    expect(transpileFile(file, "sum.ts")).toContain("const sum = (a, b) => b + a;");
    const copy = join(scratch, "copy");
    mkdirSync(copy);
    writeFileSync(join(copy, "sum.ts"), "export const sum = (a: number, b: number): number => a + b;\n");
    expect(transpileFile(join(copy, "sum.ts"), "sum.ts")).toBe(before);
  });
});
