/**
 * Runs one notebook top to bottom in a fresh tslab kernel and records what happened: outputs, the first
 * failing cell, cells whose outputs changed (regression mode), and how long it all took.
 */
import { dirname } from "node:path";
import { pool } from "../../../autograder/pool";
import { loadConfig, withOverrides, type Config } from "./config";
import { compareOutputs } from "./compare";
import { JupyterClient, type Execution } from "./jupyter-client";
import { readNotebook, sourceOf, storedOutputs, tagsOf, writeNotebook, type Notebook } from "./notebook";
import { checkInProject, findRoot } from "./project";

export interface RunOptions {
  /** The project folder (holds node_modules/tslab); default: found from the current directory upwards. */
  root?: string;
  /** Compare fresh outputs with the stored ones (default true; off when overwriting). */
  regress?: boolean;
  /** Write fresh outputs back into the notebook when it passes. */
  overwrite?: boolean;
  /** Seconds per cell; a notebook's metadata.nbmake_ts.timeout still wins. */
  timeout?: number;
  /** Settings; default: the project's nbmake-ts.config.json. */
  config?: Config;
  /**
   * Compile every kernel's cells in this process's one warm TypeScript compiler (tslab's own converter, in a
   * worker thread) rather than in each kernel (default true; see compiler.ts). The kernel still runs them.
   */
  sharedCompiler?: boolean;
}

export type FailureKind = "error" | "aborted" | "timeout" | "died" | "no-error" | "start";

export interface CellReport {
  /** 0-based index among all cells (markdown included). */
  cell: number;
  source: string;
  message: string;
}

export interface NotebookResult {
  path: string;
  /** The notebook as run: fresh outputs and execution counts in every executed cell. */
  notebook: Notebook;
  passed: boolean;
  failure?: CellReport & { kind: FailureKind };
  /** Cells whose outputs differ from the stored ones. */
  mismatches: CellReport[];
  /** Code cells that had no stored outputs, so regression had nothing to compare. */
  uncompared: number[];
  /** Cells tagged skip-execution. */
  skipped: number[];
  /** Wall time of the whole run: reading the notebook, kernel start, cells, shutdown, writing. */
  ms: number;
  /** Kernel start as the runner waited for it: spawn until it answers on shell and iopub. */
  startMs: number;
  /** Kernel start as the kernel did it: spawn until its first reply, on the kernel's clock. */
  kernelStartMs: number;
  /** Sum over cells of busy-to-idle time on the kernel's clock. */
  kernelMs: number;
  written: boolean;
  kernelPid?: number;
}

/** Checks the input (throws ArgumentError), then runs. Failures of the notebook itself go in the result. */
export async function runNotebook(notebookPath: string, options: RunOptions = {}): Promise<NotebookResult> {
  const began = performance.now();
  const { path, notebook, config } = prepare(notebookPath, options);
  const overwrite = options.overwrite ?? false;
  const mode = { regress: !overwrite && (options.regress ?? true), overwrite, sharedCompiler: options.sharedCompiler ?? true };
  return execute(path, notebook, config, mode, began);
}

/** Runs many notebooks, `jobs` at a time (each kernel gets its own OS-assigned ports). Results keep input order. */
export function runNotebooks(paths: string[], options: RunOptions & { jobs?: number } = {}, onResult: (result: NotebookResult) => void = () => {}): Promise<NotebookResult[]> {
  return pool(paths, options.jobs ?? 1, async (path) => {
    const result = await runNotebook(path, options);
    onResult(result);
    return result;
  });
}

/** Everything a run needs, checked: the project, the notebook file, its settings. Throws ArgumentError. */
export function prepare(notebookPath: string, options: RunOptions = {}): { path: string; notebook: Notebook; config: Config } {
  const root = options.root ?? findRoot();
  const path = checkInProject(root, notebookPath);
  const notebook = readNotebook(path);
  const base = withOverrides(options.config ?? loadConfig(root), options.timeout === undefined ? {} : { timeout: options.timeout }, "options");
  const config = withOverrides(base, notebook.metadata.nbmake_ts as Partial<Config>, `${path}: metadata.nbmake_ts`);
  return { path, notebook, config };
}

async function execute(path: string, notebook: Notebook, config: Config, mode: { regress: boolean; overwrite: boolean; sharedCompiler: boolean }, began: number): Promise<NotebookResult> {
  const result: NotebookResult = { path, notebook, passed: false, mismatches: [], uncompared: [], skipped: [], ms: 0, startMs: 0, kernelStartMs: 0, kernelMs: 0, written: false };
  const starting = performance.now();
  const kernel = await JupyterClient.start(dirname(path), { sharedCompiler: mode.sharedCompiler }).catch((error: Error) => {
    result.failure = { cell: -1, source: "", message: `the tslab kernel did not start: ${error.message}`, kind: "start" };
  });
  if (kernel) {
    Object.assign(result, { kernelPid: kernel.pid, startMs: performance.now() - starting, kernelStartMs: kernel.bootMs });
    try {
      await runCells(kernel, notebook, config, mode.regress, result);
    } finally {
      await kernel.shutdown();
    }
  }
  result.passed = !result.failure && result.mismatches.length === 0;
  if (mode.overwrite && result.passed && kernel) {
    // What the kernel says it runs, as a front end stores it on connecting: stored otherwise, it would make every
    // opened notebook "changed" before anything ran.
    notebook.metadata.language_info = kernel.languageInfo;
    result.written = writeNotebook(path, notebook);
  }
  result.ms = performance.now() - began;
  return result;
}

/** Cells in order until the first failure; fresh outputs go into the notebook, findings into `result`. */
async function runCells(kernel: JupyterClient, notebook: Notebook, config: Config, regress: boolean, result: NotebookResult): Promise<void> {
  for (const [index, cell] of notebook.cells.entries()) {
    const source = sourceOf(cell);
    if (cell.cell_type !== "code" || source.trim() === "") continue;
    const tags = tagsOf(cell);
    if (tags.includes("skip-execution")) {
      result.skipped.push(index);
      continue;
    }
    // As front ends send it: a cell that may fail does not stop the cells after it (stop_on_error false).
    const expectError = tags.includes("raises-exception");
    const run = await kernel.execute(source, config.timeout * 1000, { stopOnError: !expectError });
    result.kernelMs += run.kernelMs;
    const report = (message: string) => ({ cell: index, source, message });
    if (regress && !tags.includes("nbval-ignore-output")) {
      const stored = cell.outputs ?? [];
      const difference = stored.length ? compareOutputs(stored, run.outputs, config) : undefined;
      if (!stored.length) result.uncompared.push(index);
      else if (difference) result.mismatches.push(report(difference));
    }
    cell.outputs = storedOutputs(run.outputs);
    cell.execution_count = run.executionCount;
    const failure = failureOf(run, expectError, kernel, config.timeout);
    if (failure) return void (result.failure = { ...report(failure.message), kind: failure.kind });
  }
}

function failureOf(run: Execution, expectError: boolean, kernel: JupyterClient, timeout: number): { kind: FailureKind; message: string } | undefined {
  const said = run.stderr.trim() ? `\n${run.stderr.trim()}` : "";
  switch (run.status) {
    case "ok":
      return expectError ? { kind: "no-error", message: "the cell is tagged raises-exception but ran without error" } : undefined;
    case "error":
      return expectError ? undefined : { kind: "error", message: `the cell failed:${said || " (the kernel printed nothing)"}` };
    case "aborted":
      return { kind: "aborted", message: "the kernel aborted the cell without running it (it does so to requests queued behind a failed cell)" };
    case "timeout":
      return { kind: "timeout", message: `the cell ran longer than its ${timeout} s timeout and was interrupted${said}` };
    case "died":
      return { kind: "died", message: `the kernel died during the cell (process.exit or a crash)${said}${kernel.processLog.trim() ? `\n${kernel.processLog.trim()}` : ""}` };
  }
}
