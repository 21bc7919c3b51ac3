/**
 * `npm run nbmake -- [--overwrite] [--no-regress] [--jobs N] [--timeout S] <notebooks or folders...>`
 * (the bin nbmake-ts, through the course's package.json).
 * Exit 0 when every notebook passed, 1 when one failed, 2 for bad usage or bad input (nothing run or written).
 */
import { ArgumentError } from "../../../src/errors";
import { UsageError, helpPointer, parseDuration, parseOptions } from "../../options";
import { findNotebooks } from "./discover";
import { findRoot } from "./project";
import { formatReport, summaryLine } from "./report";
import { prepare, runNotebooks, type RunOptions } from "./run";

const COMMAND = "npm run nbmake";

const USAGE = `Usage: npm run nbmake -- [options] <notebooks or folders...>

Runs each tslab notebook top to bottom in a fresh kernel and checks its outputs against the stored ones.

Options:
  --overwrite     write the fresh outputs into the notebooks (only those that pass); no comparison
  --no-regress    only check that every cell runs; do not compare outputs
  --jobs N        run N notebooks at once (default 1)
  --timeout S     seconds a cell may run, or with a unit: 500ms, 2s, 5min (default from
                  nbmake-ts.config.json, else 120; a notebook's metadata.nbmake_ts.timeout wins)
  --no-shared-compiler
                  let each kernel compile its own cells, as in Jupyter (slower); by default one
                  warm TypeScript compiler in this process serves every kernel
  --help          show this help

Exit status: 0 all passed, 1 a notebook failed, 2 bad usage or input.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(COMMAND, {
    args: argv,
    allowPositionals: true,
    options: { overwrite: { type: "boolean" }, "no-regress": { type: "boolean" }, "no-shared-compiler": { type: "boolean" }, jobs: { type: "string" }, timeout: { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help) return console.log(USAGE), 0;
  if (positionals.length === 0) throw new ArgumentError("notebooks", "at least one notebook or folder", "none");
  const root = findRoot();
  const options: RunOptions & { jobs: number } = {
    root,
    overwrite: values.overwrite ?? false,
    regress: !values["no-regress"],
    sharedCompiler: !values["no-shared-compiler"],
    jobs: wholeNumber(values.jobs ?? "1", "--jobs"),
    timeout: values.timeout === undefined ? undefined : parseDuration(values.timeout, "--timeout") / 1000,
  };
  const notebooks = findNotebooks(positionals);
  if (notebooks.length === 0) throw new ArgumentError("notebooks", "at least one .ipynb file in the given folders", positionals);
  for (const notebook of notebooks) prepare(notebook, options);
  const began = performance.now();
  const results = await runNotebooks(notebooks, options, (result) => console.log(result.passed ? summaryLine(result, root) : formatReport(result, root)));
  const failed = results.filter((result) => !result.passed).length;
  console.log(`${results.length - failed} passed, ${failed} failed in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  return failed ? 1 : 0;
}

function wholeNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!(value > 0) || !Number.isInteger(value)) throw new ArgumentError(flag, "a whole number > 0", text);
  return value;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    if (error instanceof UsageError) console.error(error.message);
    else if (error instanceof ArgumentError) console.error(`${COMMAND}: ${error.message}. ${helpPointer(COMMAND)}.`);
    else console.error(error.stack);
    process.exitCode = error instanceof UsageError || error instanceof ArgumentError ? 2 : 1;
  },
);
