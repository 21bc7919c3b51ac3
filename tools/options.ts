/**
 * Command-line options, read the same way by every course command (`npm start`, `npm run site`, `npm run
 * check`, `npm run release`, `npm run bench`, `npm run nbmake`): Node's parseArgs, strict, and every mistake
 * reported in one form that names the option, says what was expected and points at --help. Such a mistake
 * exits with code 2 before the command reads or writes anything.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ArgumentError } from "../src/errors";

/** Bad usage of a command: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type ParsedOptions<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/**
 * `parseArgs(config)` (strict, as by default) for the command `command` (as typed, e.g. "npm run site"), with
 * parseArgs' own errors (an unknown option, a missing value, a stray argument) turned into UsageErrors.
 */
export function parseOptions<T extends ParseArgsConfig>(command: string, config: T): ParsedOptions<T> {
  try {
    return parseArgs(config);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code?.startsWith("ERR_PARSE_ARGS")) throw error;
    throw new UsageError(`${command}: ${problem(code, (error as Error).message, config)}. ${helpPointer(command)}.`);
  }
}

/** "Run `npm run site -- --help` to see the options" (npm needs the `--` before a command's own options.) */
export function helpPointer(command: string): string {
  const separator = command.startsWith("npm ") ? " --" : "";
  return `Run \`${command}${separator} --help\` to see the options`;
}

/**
 * Prints why `command` failed and returns its exit code: 2 for bad usage (a UsageError, or an ArgumentError
 * naming what was wrong, with the pointer to --help), 1 for anything else.
 */
export function reportFailure(command: string, error: unknown): 1 | 2 {
  if (error instanceof UsageError) console.error(error.message);
  else if (error instanceof ArgumentError) console.error(`${command}: ${error.message}. ${helpPointer(command)}.`);
  else {
    console.error(`${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  return 2;
}

function problem(code: string, message: string, config: ParseArgsConfig): string {
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? "";
  const known = Object.keys(config.options ?? {}).map((name) => `--${name}`);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${quoted} (expected one of ${known.join(", ")})`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `unexpected argument ${JSON.stringify(quoted)} (this command takes options only)`;
  // ERR_PARSE_ARGS_INVALID_OPTION_VALUE: a value missing after an option that needs one, or given to a flag.
  const option = quoted.replace(/ <value>$/, "").split(", ").pop()!;
  return message.includes("does not take an argument") ? `${option} takes no value` : `${option} needs a value`;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, min: 60_000 };

/**
 * A time limit as every course command takes it (`--timeout`, `--budget`): seconds, as a plain number ("10",
 * "1.5") or with a unit ("500ms", "2s", "5min"). Returns milliseconds; throws an ArgumentError naming
 * `option` for anything else, zero and negative durations included.
 */
export function parseDuration(text: string, option: string): number {
  const match = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(ms|s|min)?\s*$/.exec(text);
  const ms = match ? Number(match[1]) * UNITS[match[2] ?? "s"] : NaN;
  if (!(ms > 0 && Number.isFinite(ms))) throw new ArgumentError(option, "a duration > 0: seconds (10, 1.5) or with a unit (500ms, 2s, 5min)", text);
  return ms;
}
