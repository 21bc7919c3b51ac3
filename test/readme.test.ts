/**
 * The README's TypeScript examples run as written. The sentence before each ```ts block says how: as a
 * notebook cell (then it runs in a fresh tslab kernel), and/or saved as a named file and run with tsx
 * (then it is saved under that name in a throwaway project and run so). Either way its tensors run on the
 * backend the README names, wasm, and nothing prints tfjs's banner for its plain-JavaScript backend. Each
 * block is also type-checked against src/, which names the line when the API drifts.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { formatReport, loadConfig, runNotebook } from "../tools/nbmake-ts/src";

const root = join(__dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

interface Example {
  code: string;
  /** The paragraph just before the block, which says how it runs. */
  intro: string;
  notebookCell: boolean;
  /** The file name to save it as for `node --import tsx`, when the intro gives one. */
  script?: string;
}

const examples: Example[] = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => {
  const before = readme.slice(0, match.index).trimEnd();
  const intro = before.slice(before.lastIndexOf("\n\n") + 2);
  const script = /save it as `([\w.-]+\.m?ts)` and run `node --import tsx \1`/.exec(intro)?.[1];
  return { code: match[1], intro, notebookCell: /notebook cell/i.test(intro), script };
});

/** What tfjs prints at the first tensor on its plain-JavaScript backend in Node. */
const TFJS_BANNER = /looks like you are running TensorFlow\.js in Node\.js|tfjs-node/;
/** Appended to each example: where its tensors ran (the tfjs module the example imported, by its name). */
const BACKEND_LINE = 'console.log(`backend: ${(await import("@tensorflow/tfjs")).getBackend()}`)';

interface Output {
  text?: string | string[];
  data?: Record<string, string | string[]>;
}

/** The text an output shows: a stream's, or a result's text/plain. */
function textOf(output: Output): string {
  const text = output.text ?? output.data?.["text/plain"] ?? "";
  return Array.isArray(text) ? text.join("") : text;
}

const scratch = mkdtempSync(join(tmpdir(), "readme-"));
symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"), "dir");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("has TypeScript examples, each saying how it runs", () => {
  expect(examples.length).toBeGreaterThan(0);
  for (const example of examples) expect(example.notebookCell || example.script !== undefined, example.intro).toBe(true);
});

describe.concurrent.each(examples.map((example, i) => [i, example] as const))("README example %i", (i, example) => {
  if (example.notebookCell) it("runs as a notebook cell in a fresh tslab kernel, on wasm, with no tfjs banner", async () => {
    const path = join(scratch, `example-${i}.ipynb`);
    const cell = (source: string) => ({ cell_type: "code", metadata: {}, execution_count: null, outputs: [], source });
    const cells = [cell(example.code), cell(`${BACKEND_LINE};`)];
    writeFileSync(path, JSON.stringify({ cells, metadata: { kernelspec: { name: "tslab" } }, nbformat: 4, nbformat_minor: 5 }));
    const result = await runNotebook(path, { root: scratch, config: loadConfig(root), regress: false });
    expect(result.passed, formatReport(result, scratch)).toBe(true);
    const printed = result.notebook.cells.flatMap((c) => (c.outputs ?? []) as Output[]).map(textOf).join("");
    expect(printed).not.toMatch(TFJS_BANNER);
    expect(printed).toContain("backend: wasm");
  });

  if (example.script !== undefined) it("runs with node --import tsx, saved under the name the README gives, on wasm, with no tfjs banner", async () => {
    const folder = mkdtempSync(join(scratch, "script-"));
    symlinkSync(join(root, "node_modules"), join(folder, "node_modules"), "dir");
    writeFileSync(join(folder, example.script!), `${example.code}\n${BACKEND_LINE};\n`);
    const run = await promisify(execFile)(process.execPath, ["--import", "tsx", example.script!], { cwd: folder });
    expect(run.stdout + run.stderr).not.toMatch(TFJS_BANNER);
    expect(run.stdout).toContain("backend: wasm");
  });

  it("type-checks against src/", () => {
    expect(typeProblems().get(i)).toEqual([]);
  });
});

/**
 * Each example's type errors, by example: one program holds them all (each as test/readme-example-N.ts),
 * so the library's and tfjs's declarations are read once.
 */
const typeProblems = once(() => {
  const files = new Map(examples.map((example, i) => [join(root, "test", `readme-example-${i}.ts`), asModule(example.code)]));
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile;
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = ((exists) => (name: string) => files.has(name) || exists(name))(host.fileExists);
  const program = ts.createProgram([...files.keys()], { ...options, noEmit: true }, host);
  // Only the examples are checked: the library's own type check is npm run typecheck's (npm test runs it).
  const problems = (file: string) => ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).filter((d) => d.file?.fileName === file);
  return new Map([...files.keys()].map((file, i) => [i, problems(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))]));
});

/** Top-level await is fine in a notebook cell and an ES module; for the type check it goes in a function. */
function asModule(code: string): string {
  const lines = code.replace(/from "rnn-course"/g, 'from "../src"').split("\n");
  const head = leadingImports(lines);
  return `${head.join("\n")}\nexport async function example(): Promise<void> {\n${lines.slice(head.length).join("\n")}\n}\n`;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** The lines of the import statements a code block starts with (a statement may span several lines). */
function leadingImports(lines: string[]): string[] {
  let end = 0;
  while (end < lines.length && lines[end].startsWith("import ")) {
    while (end < lines.length && !/;\s*$/.test(lines[end])) end++;
    end++;
  }
  return lines.slice(0, end);
}
