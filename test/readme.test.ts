/**
 * The README's TypeScript example must keep compiling against the library, so it cannot drift from the API.
 * Each ```ts block is type-checked as a module, with `rnn-course` mapped to src/.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ts from "typescript";
import { expect, it } from "vitest";

const root = join(__dirname, "..");
const blocks = [...readFileSync(join(root, "README.md"), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

it("has a TypeScript example", () => {
  expect(blocks.length).toBeGreaterThan(0);
});

it.each(blocks.map((code, i) => [i, code] as const))("README example %i type-checks against src/", (i, code) => {
  const file = join(root, "test", `readme-example-${i}.ts`);
  // Top-level await is fine in a notebook cell; in a module file it needs an async wrapper.
  const lines = code.replace(/from "rnn-course"/g, 'from "../src"').split("\n");
  // The leading import statements stay at the top; the rest runs inside an async function, since the
  // example awaits at the top level as a notebook cell may.
  const head = leadingImports(lines);
  const source = `${head.join("\n")}\nexport async function example(): Promise<void> {\n${lines.slice(head.length).join("\n")}\n}\n`;
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile;
  host.readFile = (name) => (name === file ? source : readFile(name));
  host.fileExists = ((exists) => (name: string) => name === file || exists(name))(host.fileExists);
  const program = ts.createProgram([file], { ...options, noEmit: true }, host);
  const problems = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file);
  expect(problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
});

/** The lines of the import statements a code block starts with (a statement may span several lines). */
function leadingImports(lines: string[]): string[] {
  let end = 0;
  while (end < lines.length && lines[end].startsWith("import ")) {
    while (end < lines.length && !/;\s*$/.test(lines[end])) end++;
    end++;
  }
  return lines.slice(0, end);
}
