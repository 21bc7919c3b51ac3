/**
 * Runs one job of a GitHub Actions workflow on this machine, the way GitHub's runner does, for tests: the job's
 * and each step's `if:`, every `run:` step in bash (GitHub's shell for run steps on Linux: `bash --noprofile
 * --norc -eo pipefail`) in the repository, with the runner's files (GITHUB_ENV, whose variables later steps
 * get; GITHUB_OUTPUT, read into `steps.<id>.outputs`; GITHUB_STEP_SUMMARY) and RUNNER_TEMP; `${{ }}`
 * expressions in `with:` and `env:`. A `uses:` step runs the stand-in the caller gives for that action. An
 * expression or condition this runner does not know fails the run instead of being guessed at.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { runCommand, type CommandResult } from "./run-command";

export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

export interface Job {
  "runs-on": string;
  if?: string;
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

export interface StepRun {
  step: Step;
  outcome: "success" | "failure" | "skipped";
  /** What a run: step printed; empty for the others. */
  output: string;
  outputs: Record<string, string>;
}

/** Runs a `uses:` step: its inputs (`with:`, expressions evaluated) and environment; false means the step failed. */
export type ActionStandIn = (inputs: Record<string, string>, env: Record<string, string>) => boolean | Promise<boolean>;

export interface JobOptions {
  /** The repository, checked out: where run steps start. */
  cwd: string;
  /** `github.actor`: who pushed. */
  actor: string;
  /** Stand-ins for actions by name, without the @ref ("actions/checkout"). */
  actions: Record<string, ActionStandIn>;
  /** Run steps to replace, by their command (e.g. `npm ci` where node_modules is prepared otherwise). */
  replace?: Record<string, () => Promise<boolean>>;
  env?: NodeJS.ProcessEnv;
  timeout?: number;
}

export interface JobRun {
  steps: StepRun[];
  /** The runner's folder: RUNNER_TEMP, the env, output and summary files. */
  runner: string;
  summary: string;
  /** What GITHUB_ENV held at the end. */
  exported: Record<string, string>;
  skipped: boolean;
}

export function readWorkflow(file: string): Workflow {
  return parse(readFileSync(file, "utf8")) as Workflow;
}

export async function runJob(workflow: Workflow, jobId: string, options: JobOptions): Promise<JobRun> {
  const job = workflow.jobs[jobId];
  if (!job) throw new Error(`no job ${jobId} in workflow "${workflow.name}"`);
  const runner = mkdtempSync(join(tmpdir(), "runner-"));
  const files = { GITHUB_ENV: join(runner, "env"), GITHUB_STEP_SUMMARY: join(runner, "summary.md"), RUNNER_TEMP: join(runner, "temp") };
  mkdirSync(files.RUNNER_TEMP);
  for (const file of [files.GITHUB_ENV, files.GITHUB_STEP_SUMMARY]) writeFileSync(file, "");
  const context: Context = { actor: options.actor, steps: {}, failed: false };
  const result: JobRun = { steps: [], runner, summary: "", exported: {}, skipped: !condition(job.if ?? "success()", context) };
  if (result.skipped) return result;
  for (const [index, step] of job.steps.entries()) {
    if (!condition(step.if ?? "success()", context)) {
      result.steps.push({ step, outcome: "skipped", output: "", outputs: {} });
      continue;
    }
    const exported = readKeyValues(files.GITHUB_ENV);
    const env = { ...options.env, ...exported, ...files, CI: "true", GITHUB_ACTIONS: "true", GITHUB_ACTOR: options.actor, GITHUB_WORKSPACE: options.cwd, ...evaluateAll(step.env ?? {}, context) } as Record<string, string>;
    const outputFile = join(runner, `output-${index}`);
    writeFileSync(outputFile, "");
    let ok: boolean;
    let output = "";
    if (step.run !== undefined) {
      const replaced = options.replace?.[step.run.trim()];
      if (replaced) ok = await replaced();
      else {
        const run: CommandResult = await runCommand("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], { cwd: options.cwd, env: { ...env, GITHUB_OUTPUT: outputFile }, timeout: options.timeout });
        output = run.stdout + run.stderr;
        ok = run.status === 0;
      }
    } else {
      const action = step.uses?.split("@")[0] ?? "";
      const standIn = options.actions[action];
      if (!standIn) throw new Error(`no stand-in for the action ${step.uses} (step ${step.name ?? index})`);
      ok = await standIn(evaluateAll(Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)])), context), env);
    }
    const outputs = readKeyValues(outputFile);
    if (step.id) context.steps[step.id] = { outputs };
    if (!ok) context.failed = true;
    result.steps.push({ step, outcome: ok ? "success" : "failure", output, outputs });
  }
  result.summary = readFileSync(files.GITHUB_STEP_SUMMARY, "utf8");
  result.exported = readKeyValues(files.GITHUB_ENV);
  return result;
}

interface Context {
  actor: string;
  steps: Record<string, { outputs: Record<string, string> }>;
  failed: boolean;
}

/** The `if:` conditions workflows here use: status functions and (in)equality of github.actor with a string. */
function condition(text: string, context: Context): boolean {
  const expression = text.trim().replace(/^\$\{\{\s*(.*?)\s*\}\}$/, "$1");
  if (expression === "always()") return true;
  if (expression === "success()") return !context.failed;
  if (expression === "failure()") return context.failed;
  const comparison = /^github\.actor\s*(==|!=)\s*'([^']*)'$/.exec(expression);
  if (comparison) return (context.actor === comparison[2]) === (comparison[1] === "==");
  throw new Error(`this test runner does not know the condition ${JSON.stringify(text)}`);
}

function evaluateAll(values: Record<string, string>, context: Context): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, evaluate(v, context)]));
}

/** `${{ steps.<id>.outputs.<name> }}` and `${{ github.actor }}` inside a string. */
function evaluate(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (output) return context.steps[output[1]]?.outputs[output[2]] ?? "";
    if (expression === "github.actor") return context.actor;
    throw new Error(`this test runner does not know the expression \${{ ${expression} }}`);
  });
}

/** An environment or output file: NAME=value lines and NAME<<DELIMITER blocks. */
function readKeyValues(file: string): Record<string, string> {
  const lines = readFileSync(file, "utf8").split("\n");
  const values: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const block = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (block) {
      const end = lines.indexOf(block[2], i + 1);
      if (end < 0) throw new Error(`${file}: no ${block[2]} closes ${block[1]}`);
      values[block[1]] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (lines[i].includes("=")) {
      const at = lines[i].indexOf("=");
      values[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    } else if (lines[i].trim()) throw new Error(`${file}: cannot read line ${JSON.stringify(lines[i])}`);
  }
  return values;
}
