import { readFileSync } from "node:fs";
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
    expect(() => sourceOf("nn/bptt.ts", "noSuchFunction")).toThrow("name: expected a top-level function of nn/bptt.ts");
  });
});
