/**
 * The fast path is a package of its own: the library loads it in one place (src/fast-path.ts) and knows it only
 * through the FastPath interface; the package takes only the kernel contract and the error type from the
 * library. These tests hold the two to that, so the teaching library keeps reading without the fast path.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as fast from "rnn-course-fast";
import { describe, expect, it } from "vitest";
import type { FastPath } from "../../src/fast-path";

const ROOT = join(__dirname, "..", "..");

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every module specifier a file imports or requires. */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from\s*|require\()\s*"([^"]+)"/g)].map((m) => m[1]);
}

describe("rnn-course-fast", () => {
  it("provides everything the library's FastPath interface asks for", () => {
    const provided: FastPath = fast; // the type check is the test; the keys below make it one at run time too
    expect(Object.keys(provided)).toEqual(expect.arrayContaining(["fastKernel", "webgpuKernel", "captureDawnTicks", "enableReadSync", "readAll"]));
  });

  it("takes nothing from the library but the kernel contract and the error type", () => {
    const used = new Set(sources(join(ROOT, "fast", "src")).flatMap(imports).filter((s) => s.startsWith("rnn-course")));
    expect([...used].sort()).toEqual(["rnn-course/dist/errors", "rnn-course/dist/nn/recurrent-kernel"]);
  });

  it("is loaded by the library in one place, by its name", () => {
    const loaders = sources(join(ROOT, "src")).filter((file) => imports(file).some((s) => s.startsWith("rnn-course-fast") || s.includes("fast/")));
    expect(loaders.map((file) => relative(ROOT, file))).toEqual([join("src", "fast-path.ts")]);
  });
});
