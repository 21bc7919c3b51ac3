/**
 * `npm run calibrate [-- --runs N] [--margins N] [exercise ...]`: the pass thresholds of the experiment
 * exercises, derived from reference runs and written to each one's thresholds.ts; with --margins, how often
 * right and wrong answers pass the exercises' judges. Instructor tooling: it reads solutions/.
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { resolveExercise } from "../../autograder/core/exercise-names";
import { useDevice } from "../../src";
import { UsageError, helpPointer, parseOptions } from "../../tools/options";
import { CALIBRATIONS, type Calibration } from "./experiments";
import { thresholdBetween, type Threshold } from "./threshold";

const ROOT = resolve(__dirname, "..", "..");
const COMMAND = "npm run calibrate";
const HELP = `Usage: npm run calibrate [-- --runs N] [--margins N] [exercise ...]

Derives the pass threshold of each experiment exercise (default: ${CALIBRATIONS.map((c) => c.exercise).join(", ")})
from reference runs: N runs (or draws per season) of the solution's answer and N of a known wrong one, the
threshold at the geometric mean of the two samples' ends. Writes it to solutions/<exercise>/thresholds.ts and
prints both samples (then run npm run release). Takes minutes: every run trains a network.

Options:
  --runs N      reference and wrong runs each (default 30)
  --margins N   instead: run each exercise's judges N times on right and wrong answers, with the thresholds
                already written, and print how often each passes
  -h, --help    show this help

Exit status: 0 done, 1 a calibration failed (the two samples overlap), 2 bad usage.`;

async function main(): Promise<number> {
  const { values, positionals } = parseOptions(COMMAND, {
    allowPositionals: true,
    options: { runs: { type: "string", default: "30" }, margins: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) return console.log(HELP), 0;
  const runs = count(values.runs!, "--runs");
  const margins = values.margins === undefined ? undefined : count(values.margins, "--margins");
  const names = CALIBRATIONS.map((c) => c.exercise);
  const chosen = positionals.length ? positionals.map((typed) => experimentExercise(typed, names)) : names;
  await useDevice();
  for (const calibration of CALIBRATIONS.filter((c) => chosen.includes(c.exercise))) {
    if (margins) await printMargins(calibration, margins);
    else await calibrate(calibration, runs);
  }
  return 0;
}

async function calibrate(calibration: Calibration, runs: number): Promise<void> {
  const started = Date.now();
  const [reference, wrong] = [await calibration.reference(runs), await calibration.wrong(runs)];
  const found = thresholdBetween(reference, wrong, calibration.quantile);
  for (const sample of [reference, wrong]) console.log(`${calibration.exercise}: ${sample.what}, ${calibration.scoreName}: ${summary(sample.scores)}`);
  console.log(`${calibration.exercise}: threshold ${rounded(found.threshold)}, ${found.margin.toFixed(1)} times from each side (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  writeFileSync(join(ROOT, "solutions", calibration.exercise, "thresholds.ts"), thresholdsFile(calibration, found, reference.scores.length));
}

/** The file the exercise's experiment imports: the threshold, and where it comes from (no answer named). */
function thresholdsFile(calibration: Calibration, found: Threshold, runs: number): string {
  const ends = calibration.quantile === 1 ? ["worst", "best"] : [`${calibration.quantile * 100}th percentile`, `${Math.round((1 - calibration.quantile) * 100)}th percentile`];
  return [
    "/**",
    " * Written by `npm run calibrate` (scripts/calibrate/) from reference runs: do not edit.",
    ` * ${calibration.scoreName} over ${runs} runs each: the reference answer's ${ends[0]} ${rounded(found.reference)},`,
    ` * a known wrong answer's ${ends[1]} ${rounded(found.wrong)}; the threshold is their geometric mean,`,
    ` * ${found.margin.toFixed(1)} times from each.`,
    " */",
    `export const THRESHOLDS = { ${calibration.key}: ${rounded(found.threshold)} };`,
    "",
  ].join("\n");
}

async function printMargins(calibration: Calibration, rounds: number): Promise<void> {
  const started = Date.now();
  await calibration.margins(rounds, (row) => console.log(`${calibration.exercise}: ${row.choice.padEnd(44)} ${row.judge.padEnd(30)} passed ${row.passed}/${row.rounds}`));
  console.log(`${calibration.exercise}: margins in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function summary(scores: number[]): string {
  const sorted = [...scores].sort((a, b) => a - b);
  const at = (q: number) => rounded(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return `min ${rounded(sorted[0])}, median ${at(0.5)}, max ${rounded(sorted[sorted.length - 1])} (${scores.length} runs)`;
}

const rounded = (value: number) => Number(value.toPrecision(3));

/** The exercise `typed` names; a name that fits none, or several, is a usage error. */
function experimentExercise(typed: string, names: string[]): string {
  try {
    return resolveExercise(typed, names, "the experiment exercises");
  } catch (error) {
    throw new UsageError(`${COMMAND}: ${(error as Error).message}. ${helpPointer(COMMAND)}.`);
  }
}

function count(text: string, option: string): number {
  if (/^[1-9]\d{0,3}$/.test(text)) return Number(text);
  throw new UsageError(`${COMMAND}: ${option}: expected a whole number from 1 to 9999, received ${JSON.stringify(text)}. ${helpPointer(COMMAND)}.`);
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    if (error instanceof UsageError || error?.name === "ArgumentError") {
      console.error(error.message);
      process.exitCode = 2;
    } else {
      console.error(`${COMMAND}: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  },
);
