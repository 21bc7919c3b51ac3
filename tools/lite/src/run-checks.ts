/**
 * `runChecks("ex01")` in the browser (the browser twin of the library's src/exercises.ts, which in Node runs
 * `npm run check`'s command; this one grades in the kernel's worker): the public cases of the exercise
 * whose folder the notebook is in, graded as `npm run check` grades them (the autograder's core: the same
 * comparison, the same words, the same report), printed in the notebook.
 *
 * Where Node runs the student's module in a sandboxed child process, the browser runs it in the kernel
 * itself, freshly loaded for every check: the student's own code, in the student's own page, needs no
 * sandbox. What the child process gives besides, this file gives too: the module may import from the library
 * only what its meta.json allows; a call (or the module's loading) that runs past the time limit stops, as
 * every loop of the student's code checks the clock (so an endless loop is a failed case, not a frozen
 * kernel); each call gets its own copy of the arguments.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { cwd } from "node:process";
import ts = require("typescript");
import * as core from "../../../autograder/core";
import {
  decode,
  encode,
  grade,
  moduleProblem,
  refused,
  type CallResult,
  type Case,
  type Meta,
  type Outcome,
} from "../../../autograder/core";
import * as course from "../../../src/index";
import { check } from "../../../src/errors";
import { formatReport } from "../../check/report";

/**
 * npm run check's time limit per case, as tools/check/check.ts sets it (not imported from there: that module
 * brings the sandboxed grader with it; test/lite-checks.test.ts holds the two together).
 */
export const DEFAULT_TIMEOUT_MS = 2_000;

/** Runs the public checks of exercise `id` (e.g. "ex01") and prints the report; true when all passed. */
export function runChecks(id: string, options: { timeoutMs?: number } = {}): boolean {
  check(/^ex\d+/.test(id), "id", 'an exercise id such as "ex01"', id);
  const folder = cwd();
  const name = basename(folder);
  check(
    name === id || name.startsWith(`${id}-`),
    "id",
    `the exercise of this notebook's folder (${name}): in the browser, runChecks checks the exercise the notebook belongs to`,
    id,
  );
  const { text, passed } = checkFolder(folder, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  console.log(text);
  return passed;
}

/** The report `npm run check` prints for the exercise in `folder`, and whether every case passed. */
export function checkFolder(folder: string, timeoutMs: number): { text: string; passed: boolean } {
  const meta = JSON.parse(readFileSync(join(folder, "meta.json"), "utf8")) as Meta;
  const cases = (loadModule(join(folder, "cases.ts"), folder, meta).exports as { cases: Case[] })
    .cases;
  const expected = decode(readFileSync(join(folder, "expected.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const outcomes = gradeCases(folder, meta, cases, expected, timeoutMs);
  const report = {
    id: meta.id,
    title: meta.title,
    outcomes,
    points: outcomes.reduce((s, o) => s + o.points, 0),
    maxPoints: outcomes.reduce((s, o) => s + o.maxPoints, 0),
  };
  return {
    text: formatReport(report).trimEnd(),
    passed: report.points === report.maxPoints && outcomes.every((o) => o.passed),
  };
}

function gradeCases(
  folder: string,
  meta: Meta,
  cases: Case[],
  expected: Record<string, unknown>,
  timeoutMs: number,
): Outcome[] {
  const modulePath = join(folder, `${meta.module}.ts`);
  const problem = moduleProblem(modulePath, meta);
  if (problem) return cases.map((c) => refused(c, problem));
  const clock = new Clock();
  let exports: Record<string, unknown>;
  try {
    clock.start(timeoutMs);
    exports = loadModule(modulePath, folder, meta, clock).exports as Record<string, unknown>;
  } catch (error) {
    const message = clock.expired
      ? `loading stopped: it took over ${timeoutMs / 1000} s`
      : `${explain(error).name}: ${explain(error).message}`;
    return cases.map((c) => grade(meta, c, expected[c.id], { kind: "load-error", message }));
  }
  // As npm run check: a function that ran out of time is not called again.
  const timedOut = new Map<string, CallResult>();
  return cases.map((c) => {
    const result = timedOut.get(c.fn) ?? call(exports, c, clock, timeoutMs);
    if (result.kind === "timeout" && !timedOut.has(c.fn))
      timedOut.set(c.fn, { ...result, after: c.id });
    return grade(meta, c, expected[c.id], result);
  });
}

/** One case, as the grader's child answers it (sandbox/runner.ts): a value, an error, or a missing export. */
function call(
  exports: Record<string, unknown>,
  c: Case,
  clock: Clock,
  timeoutMs: number,
): CallResult {
  const fn = exports[c.fn];
  if (typeof fn !== "function")
    return {
      kind: "missing-export",
      exports: Object.keys(exports).filter((k) => typeof exports[k] === "function"),
    };
  clock.start(timeoutMs);
  try {
    const value = fn(...structuredClone(c.args));
    if (clock.expired) return { kind: "timeout", ms: timeoutMs };
    return { kind: "value", value: decode(encode(plain(value))) };
  } catch (error) {
    if (clock.expired) return { kind: "timeout", ms: timeoutMs };
    return { kind: "error", ...explain(error) };
  } finally {
    clock.start(Infinity);
  }
}

/** Tensors become nested arrays, as the grader reads them. */
function plain(value: unknown): unknown {
  if (
    value &&
    typeof value === "object" &&
    typeof (value as { arraySync?: unknown }).arraySync === "function" &&
    "dtype" in value
  ) {
    return (value as unknown as { arraySync(): unknown }).arraySync();
  }
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

function explain(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message.slice(0, 2000) };
  return { name: "a non-Error value", message: String(error).slice(0, 2000) };
}

/** The time limit every loop of the student's code checks. */
class Clock {
  private deadline = Infinity;
  private count = 0;
  expired = false;

  start(ms: number): void {
    this.deadline = performance.now() + ms;
    this.expired = false;
  }

  /** Called at the top of every loop body: past the deadline, it throws (again, on every later call). */
  readonly tick = (): void => {
    if (!this.expired && (++this.count & 1023) !== 0) return;
    if (this.expired || performance.now() > this.deadline) {
      this.expired = true;
      throw new Error("the time limit ran out");
    }
  };
}

interface Loaded {
  exports: unknown;
}

/**
 * A module of the exercise folder, compiled fresh (no cache: a check sees the file as saved now). Its imports:
 * the autograder's core (cases.ts), other files of the folder, and from the course library only the names
 * `meta.libraryImports` allows.
 */
function loadModule(
  path: string,
  folder: string,
  meta: Meta,
  clock = new Clock(),
  loaded = new Map<string, Loaded>(),
): Loaded {
  const known = loaded.get(path);
  if (known) return known;
  const source = readFileSync(path, "utf8");
  const { outputText } = ts.transpileModule(source, {
    fileName: path,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
    transformers: { before: [loopGuard] },
  });
  const module: Loaded = { exports: {} };
  loaded.set(path, module);
  const require = (id: string): unknown => {
    if (/(^|\/)autograder\/core$/.test(id)) return core;
    if (id === "rnn-course") return libraryView(meta);
    if (id.startsWith(".")) {
      const file = [join(dirname(path), `${id}.ts`), join(dirname(path), id)].find(
        (f) => f.startsWith(`${folder}/`) && f.endsWith(".ts") && existsSync(f),
      );
      if (file) return loadModule(file, folder, meta, clock, loaded).exports;
    }
    throw new Error(
      `Cannot find module '${id}' (a check may load the exercise's own files, and from the course library only ${meta.libraryImports.join(", ")})`,
    );
  };
  const define = (0, eval)(
    `(function (exports, require, module, __filename, __dirname, __loopGuard) {${outputText}\n})\n//# sourceURL=${path.replace(/^\//, "")}`,
  ) as (...args: unknown[]) => void;
  define(module.exports, require, module, path, dirname(path), clock.tick);
  return module;
}

/** What the exercise may use of the library: the names its meta.json allows, and nothing else. */
function libraryView(meta: Meta): Record<string, unknown> {
  const library = course as unknown as Record<string, unknown>;
  return Object.freeze(
    Object.fromEntries(
      meta.libraryImports.filter((name) => name in library).map((name) => [name, library[name]]),
    ),
  );
}

/** A call to `__loopGuard()` at the top of every loop's body, so a loop that never ends runs out of time. */
const loopGuard: ts.TransformerFactory<ts.SourceFile> = (context) => {
  const guard = () =>
    context.factory.createExpressionStatement(
      context.factory.createCallExpression(
        context.factory.createIdentifier("__loopGuard"),
        undefined,
        [],
      ),
    );
  const guarded = (body: ts.Statement): ts.Statement =>
    context.factory.createBlock([guard(), ...(ts.isBlock(body) ? body.statements : [body])], true);
  const visit = (node: ts.Node): ts.Node => {
    const next = ts.visitEachChild(node, visit, context);
    if (ts.isWhileStatement(next))
      return context.factory.updateWhileStatement(next, next.expression, guarded(next.statement));
    if (ts.isDoStatement(next))
      return context.factory.updateDoStatement(next, guarded(next.statement), next.expression);
    if (ts.isForStatement(next))
      return context.factory.updateForStatement(
        next,
        next.initializer,
        next.condition,
        next.incrementor,
        guarded(next.statement),
      );
    if (ts.isForInStatement(next))
      return context.factory.updateForInStatement(
        next,
        next.initializer,
        next.expression,
        guarded(next.statement),
      );
    if (ts.isForOfStatement(next))
      return context.factory.updateForOfStatement(
        next,
        next.awaitModifier,
        next.initializer,
        next.expression,
        guarded(next.statement),
      );
    return next;
  };
  return (file) => ts.visitNode(file, visit) as ts.SourceFile;
};
