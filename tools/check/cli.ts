/**
 * `npm run check [exNN ...] [-- --dir solutions] [--timeout S] [--json]`: runs the public checks.
 * Exit code 0 when every case passed, 1 when some failed, 2 when the command itself was used wrongly.
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { ArgumentError } from "../../src/errors";
import { stopOnSignals } from "../../autograder/sandbox/signals";
import { UsageError, helpPointer, parseDuration, parseOptions } from "../options";
import { DEFAULT_TIMEOUT_MS, Report, checkExercises } from "./check";
import { ROOT, findExercises } from "./exercise";
import { formatReport, summaryLine, totalLine } from "./report";

const COMMAND = "npm run check";

const HELP = `Usage: npm run check [-- options] [exercises ...]

Runs the public checks of the named exercises (default: all; ex01, ex1, 1 and lookback all name
ex01-lookback) against your code and says, per case,
what was called, what was expected and what came back, with a hint. Your code runs the way the grader
runs it: in a separate process that can read your exercises and the course library, and nothing else
(no other files, no network, no new processes), with a time limit per case and 1 GiB of memory.

Options:
  --dir DIR       the folder holding the exercises (default: exercises/)
  --timeout S     seconds each case may run, or with a unit: 500ms, 2s (default: ${DEFAULT_TIMEOUT_MS / 1000});
                  a function that runs out of time is not called again
  --json          print the reports as JSON
  -h, --help      show this help

Exit status: 0 every case passed, 1 some failed, 2 bad usage.`;

interface Options {
  ids: string[];
  dir: string;
  timeoutMs?: number;
  json: boolean;
  help: boolean;
}

function parse(argv: string[]): Options {
  const { values, positionals } = parseOptions(COMMAND, {
    args: argv,
    allowPositionals: true,
    options: { dir: { type: "string" }, timeout: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  const dir = values.dir === undefined ? join(ROOT, "exercises") : resolve(values.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ArgumentError("--dir", "a folder of exercises", values.dir ?? dir);
  const timeoutMs = values.timeout === undefined ? undefined : parseDuration(values.timeout, "--timeout");
  return { ids: positionals, dir, timeoutMs, json: values.json ?? false, help: values.help ?? false };
}

async function main(argv: string[]): Promise<number> {
  let options: Options;
  let folders: string[];
  try {
    options = parse(argv);
    if (options.help) return console.log(HELP), 0;
    folders = findExercises(options.ids, options.dir);
  } catch (error) {
    if (error instanceof UsageError) console.error(error.message);
    else if (error instanceof ArgumentError) console.error(`${COMMAND}: ${error.message}. ${helpPointer(COMMAND)}.`);
    else console.error(`${COMMAND}: ${(error as Error).message}`);
    return 2;
  }
  stopOnSignals((signal) => `${COMMAND}: stopped by ${signal}`);
  const onReport = options.json ? undefined : (report: Report) => console.log(formatReport(report));
  const { reports, notes } = await checkExercises(folders, { timeoutMs: options.timeoutMs, onReport });
  for (const note of notes) console.error(note);
  if (options.json) console.log(JSON.stringify(reports));
  else if (reports.length > 1) console.log([...reports.map(summaryLine), totalLine(reports)].join("\n"));
  return reports.every((r) => r.points === r.maxPoints && r.outcomes.every((o) => o.passed)) ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
