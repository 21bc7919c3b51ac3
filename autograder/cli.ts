/**
 * `npx autograde`: grades one submission, or a folder of them with --batch. Exit code 0 whenever grading
 * completed, whatever the score; 1 when grading itself failed; 2 for a wrong command line. Nothing is
 * written before the command line and its paths are known to be right.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, join, relative, resolve, isAbsolute } from "node:path";
import { ArgumentError } from "../src/errors";
import { parseDuration } from "../tools/options";
import { checkOutputFolder, claimOutputFolder } from "../tools/output-folder";
import { gradeAll } from "./batch";
import { DEFAULT_BUNDLE, ROOT } from "./build";
import { resolveExercise } from "./core/exercise-names";
import type { GradeOptions } from "./grade";
import { JOURNAL } from "./journal";
import { readBundle, type Bundle } from "./references/bundle";
import { ISOLATION_MODES, isolationFor, type IsolationMode } from "./sandbox/isolation";
import { stopOnSignals } from "./sandbox/signals";
import { libraryPaths } from "./sandbox/target";

export const HELP = `Usage:
  npx autograde <submission> [options]          grade a student repository or its exercises/ folder
  npx autograde --batch <folder> [options]      grade every sub-folder of <folder>; writes gradebook.csv

Options:
  --out DIR          where results.json, junit.xml and summary.md go (default: autograde-results):
                     a new or empty folder, or one autograde wrote before
  --force            write into --out although it holds files autograde did not write (it names
                     those it overwrites, and keeps the others)
  --json             also print results.json to stdout
  --seed S           draw the drawable hidden cases again from seed S, instead of the course's own draw
                     (default: $AUTOGRADER_SEED; the maximum score is the same either way)
  --bundle FILE      the references (default: $AUTOGRADER_BUNDLE, else autograder/build/bundle.json,
                     written by npm run autograder:build)
  --exercises LIST   grade only these exercises of the bundle, e.g. ex1,lookback (ex01, ex1, 1 and
                     lookback all name ex01-lookback; default: every exercise)
  --isolation MODE   auto: an operating-system sandbox (bubblewrap) around student code where it can
                     start, else Node's permission model alone, with a warning in the results (default);
                     strict: refuse to grade without the OS sandbox; permission: never try it
  --jobs N           exercises (single) or submissions (batch) graded at once (default: CPU count)
  --timeout S        seconds per case, or with a unit: 500ms, 2s (default 10)
  --budget S         seconds per submission, or with a unit: 5min (default 300)
  --memory MB        memory cap per exercise process, MiB (default 1024)
  --regrade          with --batch: grade every submission again, whatever was graded before
  --help             this text

Reports: results.json, junit.xml and summary.md (for the student: hidden cases shown as hidden-1,
hidden-2...), and instructor.md (which case each hidden one is, and why it failed).

A batch writes <out>/<submission>/ for each submission, <out>/gradebook.csv (replaced whole after each
submission) and <out>/${JOURNAL} (a line appended as each finishes). Stopped or killed half-way, it keeps
every row it finished, and the same command run again grades only what is missing: submissions that are
new, changed, failed by the grader itself, or graded with another bundle, seed, exercises, limits or grader.
The gradebook is then the one an uninterrupted run gives; a submission removed from the folder leaves it.

Exit code 0 when grading completed, whatever the score; 1 when grading failed; 2 for a wrong command line.`;

interface Command {
  submission?: string;
  batch?: string;
  out: string;
  force: boolean;
  json: boolean;
  seed?: string;
  bundle: string;
  exercises?: string[];
  jobs: number;
  isolation: IsolationMode;
  regrade: boolean;
  options: Omit<GradeOptions, "jobs" | "isolation" | "onExercise">;
}

class UsageError extends Error {}

export function parse(argv: string[], env: NodeJS.ProcessEnv = process.env): Command | "help" {
  const command: Command = {
    out: "autograde-results",
    force: false,
    json: false,
    seed: env.AUTOGRADER_SEED || undefined,
    bundle: env.AUTOGRADER_BUNDLE || DEFAULT_BUNDLE,
    jobs: availableParallelism(),
    isolation: "auto",
    regrade: false,
    options: { root: ROOT, caseTimeoutMs: 10_000, submissionTimeoutMs: 300_000, memoryMb: 1024 },
  };
  const value = (i: number, flag: string) => {
    if (argv[i + 1] === undefined || argv[i + 1].startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return argv[i + 1];
  };
  const duration = (i: number, flag: string) => {
    try {
      return parseDuration(value(i, flag), flag);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  const positive = (i: number, flag: string) => {
    const n = Number(value(i, flag));
    if (!(n > 0)) throw new UsageError(`${flag}: expected a positive number, received ${JSON.stringify(argv[i + 1])}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--help" || flag === "-h") return "help";
    else if (flag === "--json") command.json = true;
    else if (flag === "--force") command.force = true;
    else if (flag === "--regrade") command.regrade = true;
    else if (flag === "--out") command.out = value(i++, flag);
    else if (flag === "--seed") command.seed = value(i++, flag);
    else if (flag === "--bundle") command.bundle = value(i++, flag);
    else if (flag === "--exercises") command.exercises = value(i++, flag).split(",").map((name) => name.trim());
    else if (flag === "--batch") command.batch = value(i++, flag);
    else if (flag === "--isolation") command.isolation = isolationMode(value(i++, flag));
    else if (flag === "--jobs") command.jobs = Math.floor(positive(i++, flag));
    else if (flag === "--timeout") command.options.caseTimeoutMs = duration(i++, flag);
    else if (flag === "--budget") command.options.submissionTimeoutMs = duration(i++, flag);
    else if (flag === "--memory") command.options.memoryMb = Math.floor(positive(i++, flag));
    else if (flag.startsWith("-")) throw new UsageError(`unknown option ${flag}`);
    else if (command.submission === undefined) command.submission = flag;
    else throw new UsageError(`one submission at a time (got ${command.submission} and ${flag}); use --batch for a folder of them`);
  }
  if ((command.submission === undefined) === (command.batch === undefined)) throw new UsageError("give either a submission or --batch <folder>");
  if (command.regrade && command.batch === undefined) throw new UsageError("--regrade goes with --batch (one submission is always graded anew)");
  return command;
}

function isolationMode(text: string): IsolationMode {
  if ((ISOLATION_MODES as string[]).includes(text)) return text as IsolationMode;
  throw new UsageError(`--isolation: expected one of ${ISOLATION_MODES.join(", ")}, received ${JSON.stringify(text)}`);
}

/** The submissions a command grades, checked before anything is written. */
export function submissionsOf(command: Command): string[] {
  if (!existsSync(command.bundle)) throw new UsageError(`no bundle at ${command.bundle}: run npm run autograder:build first, or pass --bundle`);
  const submissions = command.batch ? subfolders(command.batch) : [submissionFolder(command.submission!)];
  for (const submission of submissions) refuseReadableBundle(submission, command);
  resultsFolder(command, submissions, false);
  return submissions;
}

/** --out is autograde's own: new, empty or written by it before, unless --force (see tools/output-folder.ts). */
function resultsFolder(command: Command, submissions: string[], claim: boolean): void {
  const writes = command.batch ? ["gradebook.csv", JOURNAL, ...submissions.map((s) => basename(s))] : ["results.json", "junit.xml", "summary.md", "instructor.md"];
  const options = { command: "autograde", force: command.force };
  try {
    if (claim) claimOutputFolder(resolve(command.out), writes, options);
    else checkOutputFolder(resolve(command.out), writes, { ...options, log: () => {} });
  } catch (error) {
    throw error instanceof ArgumentError ? new UsageError(error.message) : error;
  }
}

/**
 * The folder given on the command line, resolved (the instructor's own links are followed). An empty folder,
 * or a class folder given without --batch, is a mistake of the command line, not a submission worth 0.
 */
function submissionFolder(path: string): string {
  if (!existsSync(path)) throw new UsageError(`no submission at ${resolve(path)}: the path does not exist`);
  const folder = realpathSync(path);
  if (!statSync(folder).isDirectory()) throw new UsageError(`${resolve(path)} is not a folder: give a student repository or its exercises/ folder`);
  const entries = readdirSync(folder, { withFileTypes: true });
  if (!entries.length) throw new UsageError(`${resolve(path)} is empty: give a student repository or its exercises/ folder`);
  const holdsExercises = (dir: string) => existsSync(join(dir, "exercises")) || readdirSync(dir).some((name) => /^ex\d+/.test(name));
  if (!holdsExercises(folder)) {
    const students = entries.filter((e) => e.isDirectory() && holdsExercises(join(folder, e.name))).map((e) => `${e.name}/`).sort();
    if (students.length === 1) throw new UsageError(`${resolve(path)} holds no exercises/, but its sub-folder ${students[0]} does: grade that one (${join(path, students[0])}), or did you mean --batch ${path}?`);
    if (students.length > 1) {
      const named = `${students.slice(0, 3).join(", ")}${students.length > 3 ? ", ..." : ""}`;
      throw new UsageError(`${resolve(path)} holds no exercises/, but its sub-folders ${named} do: did you mean --batch ${path}?`);
    }
  }
  return folder;
}

/** Every sub-folder of a batch folder, links included (grading refuses those, with the reason). */
function subfolders(folder: string): string[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--batch: no folder at ${resolve(folder)}`);
  const found = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => (entry.isDirectory() || entry.isSymbolicLink()) && !entry.name.startsWith("."))
    .map((entry) => join(resolve(folder), entry.name))
    .sort();
  if (!found.length) throw new UsageError(`--batch: ${resolve(folder)} holds no submissions (one sub-folder per student is expected)`);
  return found;
}

/**
 * The sandbox may read the submission and the library: a bundle with hidden cases must be in neither. One of
 * public cases only (a student repository's, from its own exercises/) holds nothing its student lacks.
 */
function refuseReadableBundle(submission: string, command: Command): void {
  const bundle = resolve(command.bundle);
  for (const readable of [submission, ...libraryPaths(command.options.root)]) {
    const rel = relative(readable, bundle);
    if ((rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))) && !publicOnly(bundle)) {
      throw new UsageError(
        `the bundle ${bundle} lies inside ${readable}, which student code may read, and it holds hidden cases: ` +
          `build it elsewhere and name it, e.g. npm run autograder:build -- --out /tmp/bundle.json, then --bundle /tmp/bundle.json`,
      );
    }
  }
}

function publicOnly(path: string): boolean {
  try {
    return readBundle(path).exercises.every((exercise) => !exercise.solution && exercise.cases.every((c) => !c.hidden));
  } catch {
    return false; // not a bundle that can be read: refused as if it held hidden cases
  }
}

/** The bundle's exercises that --exercises names, in the bundle's order (all without it). */
function chosen(bundle: Bundle, names: string[] | undefined): Bundle {
  if (!names) return bundle;
  const ids = bundle.exercises.map((exercise) => exercise.meta.id);
  try {
    const wanted = new Set(names.map((name) => resolveExercise(name, ids, "the bundle")));
    return { ...bundle, exercises: bundle.exercises.filter((exercise) => wanted.has(exercise.meta.id)) };
  } catch (error) {
    throw new UsageError(`--exercises: ${(error as Error).message}`);
  }
}

export async function run(command: Command, log: (line: string) => void): Promise<void> {
  const submissions = submissionsOf(command);
  const select = (bundle: Bundle) => chosen(bundle, command.exercises);
  select(readBundle(command.bundle)); // a wrong --exercises is a usage error, before anything is set up
  const isolation = await isolationFor(command.isolation);
  log(`isolation: ${isolation.summary}`);
  const { out, jobs, regrade, seed, bundle, options } = command;
  const claim = () => resultsFolder(command, submissions, true); // once the references are drawn: nothing written before
  await gradeAll({ submissions, out, batch: command.batch !== undefined, jobs, regrade, seed, bundle, select, options, isolation, claim }, log);
}

export async function main(argv: string[]): Promise<number> {
  let command: Command | "help";
  try {
    command = parse(argv);
  } catch (error) {
    console.error(`autograde: ${(error as Error).message}\nRun npx autograde --help for the options.`);
    return 2;
  }
  if (command === "help") {
    console.log(HELP);
    return 0;
  }
  const batch = command.batch !== undefined;
  stopOnSignals((signal) => `autograde: stopped by ${signal}${batch ? "; gradebook.csv holds the submissions graded so far; the same command grades the rest" : ""}`);
  try {
    await run(command, (line) => console.error(line));
    if (command.json && !command.batch) process.stdout.write(readFileSync(join(command.out, "results.json"), "utf8"));
    return 0;
  } catch (error) {
    console.error(`autograde: ${error instanceof UsageError ? "" : "grading failed: "}${(error as Error).message}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) main(process.argv.slice(2)).then((code) => (process.exitCode = code));
