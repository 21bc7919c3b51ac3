/**
 * `npm run format [-- --check] [path ...]`: formats the code cells of the course's notebooks with prettier.
 * Exit codes: 0 every code cell formatted and within the width, 1 a cell left to fix (not formatted under
 * --check, a line too wide, or code prettier cannot parse), 2 bad usage, in which case nothing is written.
 */
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { ArgumentError } from "../../src/errors";
import { findNotebooks } from "../nbmake-ts/src/discover";
import { parseOptions, reportFailure } from "../options";
import { writeIfChanged } from "../write-if-changed";
import { WIDTH, formatNotebook } from "./notebook";

const ROOT = resolve(__dirname, "..", "..");
const COMMAND = "npm run format";
const FOLDERS = ["lectures", "exercises", "solutions"];

const HELP = `Usage: npm run format [-- --check] [path ...]

Formats the TypeScript of every code cell in the notebooks under the paths (default: ${FOLDERS.join(", ")})
with prettier, the project's settings (package.json, "prettier"), at most ${WIDTH} columns a line, and
writes each notebook as Jupyter writes it (nbformat's layout), so that saving it in a front end changes
nothing. Markdown cells are prose and stay as written. A notebook already formatted is not touched.
npm test fails when a notebook is not formatted.

Options:
  --check      write nothing: name each cell that is not formatted, and each notebook not in nbformat's layout
  -h, --help   show this help

Exit status: 0 all formatted and within ${WIDTH} columns, 1 some cell still to fix (not formatted with
--check, a line prettier could not bring under ${WIDTH} columns, or code it cannot parse), 2 bad usage.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(COMMAND, {
    args: argv,
    allowPositionals: true,
    options: { check: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) return console.log(HELP), 0;
  const paths = positionals.length ? positionals.map((p) => resolve(p)) : FOLDERS.map((f) => join(ROOT, f));
  const notebooks = findNotebooks(paths);
  // Every notebook is read and formatted before any is written: a file that is not a notebook stops the
  // command with nothing changed.
  const results = await Promise.all(notebooks.map(async (path) => ({ path, ...(await formatFile(path)) })));
  let clean = true;
  for (const { path, text, changed, relaid, problems } of results) {
    const name = relative(process.cwd(), path);
    if (values.check) {
      for (const { cell, line } of changed) console.log(`${name}: cell ${cell}, line ${line}: not formatted`);
      if (relaid && !changed.length) console.log(`${name}: not written as Jupyter writes it (nbformat's layout)`);
    } else if (relaid) {
      writeIfChanged(path, text);
      const cells = changed.length ? `formatted ${changed.length} cell${changed.length > 1 ? "s" : ""}` : "written in nbformat's layout";
      console.log(`${name}: ${cells}`);
    }
    for (const { cell, line, message } of problems) console.log(`${name}: cell ${cell}, line ${line}: ${message}`);
    if (problems.length || (values.check && relaid)) clean = false;
  }
  if (clean) console.log(`${notebooks.length} notebooks: every code cell formatted, within ${WIDTH} columns`);
  return clean ? 0 : 1;
}

async function formatFile(path: string) {
  const text = readFileSync(path, "utf8");
  try {
    JSON.parse(text);
  } catch (error) {
    throw new ArgumentError("path", "a notebook file in JSON (.ipynb)", `${path} (${(error as Error).message})`);
  }
  return formatNotebook(path, text);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => (process.exitCode = reportFailure(COMMAND, error)),
);
