/**
 * `npm run autograder:classroom -- autograde-results/results.json`: the grader's points in the form GitHub
 * Classroom's autograding reads. Classroom's graders (classroom-resources/autograding-command-grader,
 * -io-grader, -python-grader) each hand the reporter (classroom-resources/autograding-grading-reporter) one
 * "runner" result: base64 of a JSON object { version: 1, status, max_score, tests: [{ name, status, score,
 * ... }] }, in an environment variable <RUNNER>_RESULTS, the runner names in the reporter's `runners` input.
 * The reporter prints them and posts the annotation Classroom takes the points from: the sum of every test's
 * `score` over the sum of every runner's `max_score`.
 *
 * Here each exercise is one runner and each of its cases one test with its own points, so Classroom gets
 * partial credit per case and the log shows points per exercise. In a GitHub Actions step (GITHUB_ENV and
 * GITHUB_OUTPUT set) it exports the variables for the steps after it and sets the output `runners`; anywhere
 * it prints what Classroom would receive. Exit code 1 when results.json cannot be read, 2 for bad usage.
 */
import { appendFileSync, readFileSync } from "node:fs";
import type { GradescopeResults } from "../report/gradescope";

/** One runner's result, as Classroom's graders write it. */
export interface RunnerResult {
  version: 1;
  status: "pass" | "fail";
  max_score: number;
  tests: { name: string; status: "pass" | "fail"; score: number; message: string; test_code: string; filename: string; line_no: number; duration: number }[];
}

/** A test's feedback is for the log; the full text is in the job summary and the uploaded reports. */
const MESSAGE_CHARS = 500;

/** Runner names are environment variable names once upper-cased: letters, digits and _ only. */
export const runnerName = (exercise: string) => exercise.replace(/[^A-Za-z0-9]+/g, "_");

/** results.json (one test per case, named "exercise › case") as one runner per exercise, in order. */
export function classroomRunners(results: GradescopeResults): Map<string, RunnerResult> {
  const runners = new Map<string, RunnerResult>();
  for (const test of results.tests) {
    const [exercise, ...rest] = test.name.split(" › ");
    if (!rest.length) throw new Error(`results.json: test "${test.name}" does not say its exercise ("exercise › case")`);
    const name = runnerName(exercise);
    const runner = runners.get(name) ?? { version: 1, status: "pass", max_score: 0, tests: [] };
    const status = test.score === test.max_score ? "pass" : "fail";
    runner.max_score += test.max_score;
    if (status === "fail") runner.status = "fail";
    runner.tests.push({ name: rest.join(" › "), status, score: test.score, message: test.output.slice(0, MESSAGE_CHARS), test_code: "", filename: `exercises/${exercise}`, line_no: 0, duration: 0 });
    runners.set(name, runner);
  }
  if (!runners.size) throw new Error("results.json: no test to report (was anything graded?)");
  return runners;
}

/** What the reporter would post to Classroom for these runners: the points and the maximum. */
export function classroomPoints(runners: Map<string, RunnerResult>): { points: number; max: number } {
  const runs = [...runners.values()];
  return { points: runs.reduce((s, r) => s + r.tests.reduce((t, test) => t + test.score, 0), 0), max: runs.reduce((s, r) => s + r.max_score, 0) };
}

function main(argv: string[]): number {
  if (argv.length !== 1 || argv[0].startsWith("-")) {
    console.error("Usage: npm run autograder:classroom -- <results.json>   (written by npm run autograde)");
    return argv[0] === "--help" || argv[0] === "-h" ? 0 : 2;
  }
  const runners = classroomRunners(JSON.parse(readFileSync(argv[0], "utf8")) as GradescopeResults);
  const { GITHUB_ENV: envFile, GITHUB_OUTPUT: outputFile } = process.env;
  for (const [name, result] of runners) {
    const points = result.tests.reduce((s, t) => s + t.score, 0);
    console.log(`${name}: ${points}/${result.max_score} points`);
    if (envFile) appendFileSync(envFile, `${name.toUpperCase()}_RESULTS=${Buffer.from(JSON.stringify(result)).toString("base64")}\n`);
  }
  if (outputFile) appendFileSync(outputFile, `runners=${[...runners.keys()].join(",")}\n`);
  const { points, max } = classroomPoints(runners);
  console.log(`Classroom receives: ${points}/${max} points`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`autograder:classroom: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
