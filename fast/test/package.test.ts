/**
 * Three packages, one direction: the library (src/, "rnn-course") loads its fast path (fast/,
 * "rnn-course-fast") in one place, and both take the kernel contract and the error type from a third
 * package (contract/, "rnn-course-contract") that imports neither. These tests hold the imports, of the
 * sources and of the compiled packages, to that graph (no cycle, nothing from fast/ into the library's
 * build), and check what the graph is for: one ArgumentError class at run time, whichever package
 * throws it and whichever loads first, from the sources and from the builds.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as fast from "rnn-course-fast";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors";
import { type FastPath, fastPath } from "../../src/fast-path";
import { runCommand } from "../../test/run-command";

const ROOT = join(__dirname, "..", "..");

/** Each course package: its name, its source folder and its compiled one. */
const PACKAGES = [
  { name: "rnn-course", source: "src", build: "dist" },
  { name: "rnn-course-contract", source: join("contract", "src"), build: join("contract", "dist") },
  { name: "rnn-course-fast", source: join("fast", "src"), build: join("fast", "dist") },
];

function files(folder: string, extension: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return files(path, extension);
    return entry.name.endsWith(extension) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Every module specifier a file imports, re-exports or requires. */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from\s*|require\()\s*"([^"]+)"/g)].map((m) => m[1]);
}

/** The course packages each package's files import by name (`rnn-course/dist/x` counts as rnn-course). */
function packageGraph(
  folderOf: (p: (typeof PACKAGES)[number]) => string,
  extension: string,
): Record<string, string[]> {
  const names = PACKAGES.map((p) => p.name);
  const named = (specifier: string) =>
    names.find((n) => specifier === n || specifier.startsWith(`${n}/`));
  return Object.fromEntries(
    PACKAGES.map((p) => {
      const specifiers = files(join(ROOT, folderOf(p)), extension).flatMap(imports);
      const used = specifiers.flatMap((s) => named(s) ?? []).filter((n) => n !== p.name);
      return [p.name, [...new Set(used)].sort()];
    }),
  );
}

/** A cycle in `graph`, as the names along it, or null. */
function cycleIn(graph: Record<string, string[]>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const visit = (node: string, path: string[]): string[] | null => {
    if (state.get(node) === "open") return [...path.slice(path.indexOf(node)), node];
    if (state.get(node) === "done") return null;
    state.set(node, "open");
    for (const next of graph[node] ?? []) {
      const found = visit(next, [...path, node]);
      if (found) return found;
    }
    state.set(node, "done");
    return null;
  };
  for (const node of Object.keys(graph)) {
    const found = visit(node, []);
    if (found) return found;
  }
  return null;
}

const EXPECTED = {
  "rnn-course": ["rnn-course-contract", "rnn-course-fast"],
  "rnn-course-contract": [],
  "rnn-course-fast": ["rnn-course-contract"],
};

describe("the packages' imports", () => {
  it("of the sources: the library -> fast path -> contract, and the library -> contract; no cycle", () => {
    const graph = packageGraph((p) => p.source, ".ts");
    expect(graph).toEqual(EXPECTED);
    expect(cycleIn(graph)).toBeNull();
  });

  it("of the builds: the same graph, so nothing of fast/ is imported into the library's build and back", () => {
    const graph = packageGraph((p) => p.build, ".js");
    expect(graph).toEqual(EXPECTED);
    expect(cycleIn(graph)).toBeNull();
  });

  it("reach no other package's files by a relative path", () => {
    for (const p of PACKAGES) {
      const folder = join(ROOT, p.source);
      for (const file of files(folder, ".ts")) {
        const outside = imports(file).filter(
          (s) => s.startsWith(".") && relative(folder, join(file, "..", s)).startsWith(".."),
        );
        expect(outside, relative(ROOT, file)).toEqual([]);
      }
    }
  });

  it("match the package.json files: each depends on what it imports, and the cycle checker finds a cycle", () => {
    const manifest = (folder: string) =>
      JSON.parse(readFileSync(join(ROOT, folder, "package.json"), "utf8"));
    const courseDependencies = (folder: string) => {
      const { dependencies = {}, peerDependencies = {} } = manifest(folder);
      return Object.keys({ ...dependencies, ...peerDependencies })
        .filter((n) => n in EXPECTED && n !== manifest(folder).name)
        .sort();
    };
    expect(courseDependencies(".")).toEqual(EXPECTED["rnn-course"]);
    expect(courseDependencies("contract")).toEqual(EXPECTED["rnn-course-contract"]);
    expect(courseDependencies("fast")).toEqual(EXPECTED["rnn-course-fast"]);
    expect(cycleIn({ ...EXPECTED, "rnn-course-fast": ["rnn-course"] })).toEqual([
      "rnn-course",
      "rnn-course-fast",
      "rnn-course",
    ]);
  });

  it("load the fast path in one place of the library, by its name", () => {
    const loaders = files(join(ROOT, "src"), ".ts").filter((file) =>
      imports(file).some((s) => s.startsWith("rnn-course-fast") || s.includes("fast/")),
    );
    expect(loaders.map((file) => relative(ROOT, file))).toEqual([join("src", "fast-path.ts")]);
  });

  it("give the library everything its FastPath interface asks for", () => {
    const provided: FastPath = fast; // the type check is the test; the keys below make it one at run time too
    expect(Object.keys(provided)).toEqual(
      expect.arrayContaining([
        "fastKernel",
        "webgpuKernel",
        "captureDawnTicks",
        "enableReadSync",
        "readAll",
      ]),
    );
  });
});

/** What the fast kernel throws for a cell kind it does not know. */
const BAD_CALL = `.fastKernel.forward("nope", { batch: 1, steps: 1, input: 1, hidden: 1 }, new Float32Array(1), new Float32Array(1), null, {})`;

describe("one ArgumentError class", () => {
  it("from the sources: the fast path's error is the library's ArgumentError", () => {
    const thrown = (() => {
      try {
        fastPath.fastKernel.forward(
          "nope" as never,
          { batch: 1, steps: 1, input: 1, hidden: 1 },
          new Float32Array(1),
          new Float32Array(1),
          null,
          {} as never,
        );
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ArgumentError);
    expect(String(thrown)).toBe(
      'ArgumentError: kind: expected one of rnn_tanh, rnn_relu, lstm, gru, received "nope"',
    );
  });

  // Each child loads the packages in another order and prints whether the fast path's error, and the
  // library's own, are instances of every ArgumentError class it can reach.
  const script = (loads: string) => `${loads}
const thrown = (f) => { try { f(); } catch (e) { return e; } };
const fromFast = thrown(() => fast${BAD_CALL});
const fromLibrary = thrown(() => library.sinusoid(-1, 1));
console.log(JSON.stringify(classes.map((c) => [fromFast instanceof c, fromLibrary instanceof c])));`;
  const cases: [string, string, string[]][] = [
    [
      "the build, library first",
      `const library = require("rnn-course"); const fast = require("rnn-course-fast"); const classes = [library.ArgumentError];`,
      [],
    ],
    [
      "the build, fast path first",
      `const fast = require("rnn-course-fast"); const library = require("rnn-course"); const classes = [library.ArgumentError];`,
      [],
    ],
    [
      "the sources and the build together",
      `const library = require("./src"); const fast = require("rnn-course-fast"); const classes = [library.ArgumentError, require("rnn-course").ArgumentError];`,
      ["--import", "tsx"],
    ],
  ];
  it.each(cases)("in a fresh process, %s", async (_, loads, flags) => {
    const result = await runCommand(process.execPath, [...flags, "-e", script(loads)], {
      cwd: ROOT,
      timeout: 60_000,
    });
    expect(result.status, result.stderr).toBe(0);
    const answers = JSON.parse(result.stdout.trim().split("\n").at(-1)!) as boolean[][];
    expect(answers.flat().length).toBeGreaterThan(1);
    expect(answers.flat().every(Boolean)).toBe(true);
  });
});
