/**
 * What every course command reads the same way: a time limit (seconds, or a number with a unit) and an
 * exercise name (ex01-lookback, ex01, ex1, 1 or lookback).
 */
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { parse as parseAutograde } from "../autograder/cli";
import { resolveExercise } from "../autograder/core/exercise-names";
import { ArgumentError } from "../src/errors";
import { UsageError, parseDuration, reportFailure } from "../tools/options";
import { runCommand } from "./run-command";

const root = join(__dirname, "..");

describe("a time limit", () => {
  it.each([
    ["10", 10_000],
    ["1.5", 1_500],
    [".5", 500],
    ["500ms", 500],
    ["2s", 2_000],
    ["2 s", 2_000],
    ["0.25s", 250],
    ["5min", 300_000],
  ])("%s is %d ms", (text, ms) => {
    expect(parseDuration(text, "--timeout")).toBe(ms);
  });

  it.each(["0", "0ms", "-1", "soon", "2h", "1e3", "", "10 seconds", "Infinity"])("%j is refused, naming the option and the forms it takes", (text) => {
    expect(() => parseDuration(text, "--timeout")).toThrow(ArgumentError);
    expect(() => parseDuration(text, "--timeout")).toThrow(`--timeout: expected a duration > 0: seconds (10, 1.5) or with a unit (500ms, 2s, 5min), received ${JSON.stringify(text)}`);
  });
});

describe("every command's --timeout", () => {
  it("autograde: seconds, or a unit, for --timeout and --budget; anything else is a usage error naming the option", () => {
    const command = parseAutograde(["repo", "--timeout", "500ms", "--budget", "5min"], {});
    expect(command === "help" ? undefined : [command.options.caseTimeoutMs, command.options.submissionTimeoutMs]).toEqual([500, 300_000]);
    const plain = parseAutograde(["repo", "--timeout", "2"], {});
    expect(plain === "help" ? undefined : plain.options.caseTimeoutMs).toBe(2000);
    expect(() => parseAutograde(["repo", "--budget", "soon"], {})).toThrow('--budget: expected a duration > 0: seconds (10, 1.5) or with a unit (500ms, 2s, 5min), received "soon"');
  });

  // A unit accepted, shown by the command going on to the next mistake: a path that does not exist.
  it.concurrent.each([
    ["npm run check", "tools/check/cli.ts", ["--timeout", "500ms", "ex99"], 'no exercise "ex99"'],
    ["npm run nbmake", "tools/nbmake-ts/src/cli.ts", ["--timeout", "2s", "/no/such/notebook.ipynb"], "path: expected an existing notebook or folder"],
  ])("%s takes --timeout with a unit", async (command, script, args, next) => {
    const run = await runCommand(process.execPath, [join(root, "node_modules", ".bin", "tsx"), script, ...args], { cwd: root, timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${command}: ${next}`);
    expect(run.stderr).not.toContain("--timeout");
  });
});

describe("an exercise name", () => {
  const names = ["ex01-lookback", "ex02-padding", "ex04-mlp-rnn", "ex05-rnn-cell", "ex08-lstm-cell", "ex09-gru-cell", "ex10-forecast"];

  it.each(["ex01-lookback", "ex01", "ex1", "1", "01", "lookback", "Lookback", "ex1-lookback", " ex01 "])("%j names ex01-lookback", (typed) => {
    expect(resolveExercise(typed, names)).toBe("ex01-lookback");
  });

  it("a number above 9, the start of a name or one of its words names that exercise", () => {
    expect(resolveExercise("10", names)).toBe("ex10-forecast");
    expect(resolveExercise("gru", names)).toBe("ex09-gru-cell");
    expect(resolveExercise("fore", names)).toBe("ex10-forecast");
  });

  it("a name that fits several says which it could be", () => {
    expect(() => resolveExercise("cell", names)).toThrow('"cell" could name ex05-rnn-cell or ex08-lstm-cell or ex09-gru-cell: say which (e.g. ex05)');
    expect(() => resolveExercise("rnn", names)).toThrow('"rnn" could name ex04-mlp-rnn or ex05-rnn-cell');
  });

  it.each(["ex99", "3", "ex1-padding", "", "loopback"])("%j names none: the message lists the names there are", (typed) => {
    expect(() => resolveExercise(typed, names, "exercises/")).toThrow(
      `no exercise "${typed}" in exercises/ (there are: ${names.join(", ")}; ex01, ex1, 1, lookback all name ex01-lookback)`,
    );
  });
});

describe("a command's failure", () => {
  it("bad usage exits 2 with the message, an ArgumentError naming the command and --help; anything else exits 1", () => {
    const said = vi.spyOn(console, "error").mockImplementation(() => {});
    const command = "npm run release";
    expect(reportFailure(command, new UsageError(`${command}: unknown option --bogus`))).toBe(2);
    expect(reportFailure(command, new ArgumentError("--out", "a folder", "x"))).toBe(2);
    expect(reportFailure(command, new Error("disk full"))).toBe(1);
    expect(said.mock.calls.map(([line]) => line)).toEqual([
      `${command}: unknown option --bogus`,
      `${command}: --out: expected a folder, received "x". Run \`${command} -- --help\` to see the options.`,
      `${command}: disk full`,
    ]);
    said.mockRestore();
  });
});
