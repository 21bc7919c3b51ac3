import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../src/errors";
import { sourceOf } from "../src/source";

describe("sourceOf", () => {
  it("returns a function of src/ with its doc comment, exactly as written in the file", () => {
    const text = sourceOf("nn/bptt.ts", "rnnStepBack");
    expect(text.startsWith("function rnnStepBack(")).toBe(true);
    expect(text.endsWith("\n}")).toBe(true);
    expect(readFileSync("src/nn/bptt.ts", "utf8")).toContain(text);
    const backward = sourceOf("nn/bptt.ts", "backward");
    expect(backward.startsWith("/** Backpropagation through time")).toBe(true);
    expect(backward).toContain("for (let t = T - 1; t >= 0; t--)");
    expect(readFileSync("src/nn/bptt.ts", "utf8")).toContain(backward);
  });

  it("names a missing file or function", () => {
    expect(() => sourceOf("nope.ts", "x")).toThrow(ArgumentError);
    expect(() => sourceOf("nn/bptt.ts", "noSuchFunction")).toThrow(
      "name: expected a top-level function of nn/bptt.ts",
    );
  });
});

describe("the library as lectures print it", () => {
  // Each sourceOf("file", "name") call in a lecture's code, found in the committed notebooks.
  const calls = readdirSync("lectures")
    .filter((name) => name.endsWith(".ipynb"))
    .flatMap((name) => {
      const text = readFileSync(join("lectures", name), "utf8");
      return [...text.matchAll(/sourceOf\(\\"([^"\\]+)\\", \\"([^"\\]+)\\"\)/g)].map((m) => ({
        lecture: name,
        file: m[1],
        fn: m[2],
      }));
    });

  it("finds the functions the lectures print", () => {
    expect(calls.length).toBeGreaterThanOrEqual(4);
  });

  it("prints no line wider than 100 columns, the width of a lecture's code", () => {
    const wide = calls.flatMap(({ lecture, file, fn }) =>
      sourceOf(file, fn)
        .split("\n")
        .filter((line) => [...line].length > 100)
        .map((line) => `${lecture}: ${file} ${fn}: ${line}`),
    );
    expect(wide).toEqual([]);
  });
});
