/**
 * Errors a student meets, worded to teach. Bad input is an ArgumentError, "<argument>: expected
 * <what>, received <what came>"; it comes, with `check` and `describe`, from the contract the
 * library shares with its fast path (rnn-course-contract), so both packages throw the very same
 * class.
 */
import { ArgumentError, check } from "rnn-course-contract";

export { ArgumentError, check, describe } from "rnn-course-contract";

/**
 * Throws unless `options` is an object whose every key is one of `accepted`. An unknown key is
 * named with the accepted ones, so a typo (`hiddenSise`) or PyTorch's spelling (`hidden_size`) says
 * so, with a suggestion, instead of being ignored. `argument` names the options in the message,
 * e.g. "LSTM options".
 */
export function checkOptions(
  options: unknown,
  accepted: readonly string[],
  argument: string,
): void {
  const isObject = typeof options === "object" && options !== null && !Array.isArray(options);
  check(isObject, argument, `an object with ${accepted.join(", ")}`, options);
  const unknown = Object.keys(options).find((key) => !accepted.includes(key));
  if (unknown === undefined) return;
  const suggestion = closest(unknown, accepted);
  throw new ArgumentError(
    argument,
    `only ${accepted.join(", ")}`,
    unknown,
    suggestion ? `Did you mean ${suggestion}?` : undefined,
  );
}

/**
 * The accepted name `name` was probably meant to be: the same but for case and underscores, or 1-2
 * edits away.
 */
function closest(name: string, accepted: readonly string[]): string | undefined {
  const plain = (s: string) => s.replace(/_/g, "").toLowerCase();
  return (
    accepted.find((a) => plain(a) === plain(name)) ??
    accepted.find((a) => editDistance(plain(a), plain(name)) <= 2)
  );
}

/**
 * Levenshtein distance: the fewest insertions, deletions and substitutions that turn `a` into `b`.
 */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/** Non-empty array of equally long, non-empty rows of finite numbers. */
export function checkRows(rows: number[][], argument: string): void {
  check(
    Array.isArray(rows) && rows.length > 0 && Array.isArray(rows[0]) && rows[0].length > 0,
    argument,
    "a non-empty array of rows of numbers",
    rows,
  );
  const width = rows[0].length;
  rows.forEach((row, i) => {
    check(
      Array.isArray(row) && row.length === width,
      `${argument}[${i}]`,
      `a row of ${width} numbers (as row 0)`,
      row,
    );
    check(
      row.every((v) => Number.isFinite(v)),
      `${argument}[${i}]`,
      "finite numbers only",
      row,
    );
  });
}

/**
 * What an exercise stub throws until the student writes the function: "not implemented:
 * <exercise>.<function>", e.g. "not implemented: ex06-rnn-cell.rnnCell".
 */
export class NotImplementedError extends Error {
  constructor(readonly what: string) {
    super(`not implemented: ${what}`);
    this.name = "NotImplementedError";
  }
}
