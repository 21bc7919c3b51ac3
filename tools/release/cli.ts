/**
 * `npm run release`: regenerates exercises/ from solutions/.
 * `npm run release -- --out DIR`: also writes a complete student repository to DIR.
 * Both write only files of their own (see ../output-folder.ts): a file in exercises/ or DIR that the release
 * did not write, or that was changed since, is neither overwritten nor removed without --force.
 * Exit codes: 0 written, 1 a solution could not be released (an unclosed marker...), 2 bad options, a bad
 * --out folder or a file of someone else's in the way, in which case nothing is written.
 */
import { join, resolve } from "node:path";
import { parseOptions, reportFailure } from "../options";
import { MARKER, applyOutput, planOutput } from "../output-folder";
import { buildExercises } from "./exercises";
import { checkOutFolder, planStudentRepo } from "./student";

const ROOT = resolve(__dirname, "..", "..");
const COMMAND = "npm run release";

const HELP = `Usage: npm run release [-- --out DIR] [--force]

Regenerates exercises/ from solutions/ (stubs instead of solution code, released notebooks,
the expected answers to the public cases). Commit exercises/: a test fails when it is out of date.

Options:
  --out DIR    also write a complete student repository to DIR: lectures, library, exercises,
               npm start, the checks and the autograder with its GitHub workflow; no solution
               and no hidden case. DIR must be new, empty, or an earlier release, which is
               updated in place: the files the release wrote (listed in DIR/${MARKER})
               are replaced, every other file (.git/, the student's own) is kept.
  --force      write where a file the release did not write, or changed since, is in the way:
               it first names the files it overwrites or removes
  -h, --help   show this help`;

function main(argv: string[]): number {
  const { values } = parseOptions(COMMAND, { args: argv, options: { out: { type: "string" }, force: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const out = values.out === undefined ? undefined : resolve(values.out);
  if (out) checkOutFolder(ROOT, out);
  const exercises = buildExercises(ROOT);
  const force = values.force;
  // Both folders are planned, and either may refuse, before anything is written.
  const plans = [planOutput(join(ROOT, "exercises"), exercises, { command: COMMAND, argument: "exercises/", force, otherwise: "first move any change of yours to solutions/, which exercises/ is made from" })];
  if (out) plans.push(planStudentRepo(ROOT, out, exercises, { force }));
  for (const plan of plans) applyOutput(plan);
  console.log(`exercises/: ${exercises.size} files from solutions/`);
  if (out) {
    console.log(`Student repository written to ${out}. Next: publish it (README.md, "Make it your repository"),`);
    console.log("e.g. git init && git add -A && git commit -m 'Release' there, and push it to the repository students clone.");
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.exitCode = reportFailure(COMMAND, error);
}
