// The WebGPU kernel's shaders, checked without a GPU (the kernel itself runs in `npm run test:webgpu`).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CellKind } from "rnn-course-contract";
import { BackwardProgram, ForwardProgram } from "../src/webgpu/programs";

const source = join(__dirname, "..", "src", "webgpu");
const built = join(__dirname, "..", "dist", "webgpu");

describe("WGSL shaders", () => {
  it("the build copies every shader into dist/, where the compiled kernel (and so every notebook) reads them", () => {
    const shaders = readdirSync(source).filter((f) => f.endsWith(".wgsl")).sort();
    expect(shaders).toEqual(["backward.wgsl", "cells.wgsl", "forward.wgsl"]);
    for (const file of shaders) expect(readFileSync(join(built, file), "utf8"), file).toBe(readFileSync(join(source, file), "utf8"));
  });

  it.each(["rnn_tanh", "rnn_relu", "lstm", "gru"] as CellKind[])("%s: every constant the shaders use is defined once, before them", (kind) => {
    for (const program of [new ForwardProgram(kind, 2, 3, 4), new BackwardProgram(kind, 2, 3, 4)]) {
      const code = program.getUserCode().replace(/\/\/.*$/gm, "");
      const defined = [...code.matchAll(/\bconst ([A-Z][A-Z_]*)\b/g)].map((m) => m[1]);
      const used = new Set([...code.matchAll(/\b[A-Z][A-Z_]+\b/g)].map((m) => m[0]));
      expect(new Set(defined).size, "defined twice").toBe(defined.length);
      expect([...used].filter((name) => !defined.includes(name))).toEqual([]);
    }
  });
});
