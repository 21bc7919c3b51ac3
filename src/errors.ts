/**
 * One error type for bad input, so every message reads the same way:
 * "<argument>: expected <what>, received <what came>".
 */
export class ArgumentError extends Error {
  constructor(
    readonly argument: string,
    readonly expected: string,
    readonly received: unknown,
    hint?: string,
  ) {
    super(`${argument}: expected ${expected}, received ${describe(received)}${hint ? `. ${hint}` : ""}`);
    this.name = "ArgumentError";
  }
}

/** Throws an ArgumentError unless `ok` holds. */
export function check(ok: boolean, argument: string, expected: string, received: unknown, hint?: string): asserts ok {
  if (!ok) throw new ArgumentError(argument, expected, received, hint);
}

/**
 * Throws unless `options` is an object whose every key is one of `accepted`. An unknown key is named with the
 * accepted ones, so a typo (`hiddenSise`) or PyTorch's spelling (`hidden_size`) says so, with a suggestion,
 * instead of being ignored. `argument` names the options in the message, e.g. "LSTM options".
 */
export function checkOptions(options: unknown, accepted: readonly string[], argument: string): void {
  const isObject = typeof options === "object" && options !== null && !Array.isArray(options);
  check(isObject, argument, `an object with ${accepted.join(", ")}`, options);
  const unknown = Object.keys(options).find((key) => !accepted.includes(key));
  if (unknown === undefined) return;
  const suggestion = closest(unknown, accepted);
  throw new ArgumentError(argument, `only ${accepted.join(", ")}`, unknown, suggestion ? `Did you mean ${suggestion}?` : undefined);
}

/** The accepted name `name` was probably meant to be: the same but for case and underscores, or 1-2 edits away. */
function closest(name: string, accepted: readonly string[]): string | undefined {
  const plain = (s: string) => s.replace(/_/g, "").toLowerCase();
  return accepted.find((a) => plain(a) === plain(name)) ?? accepted.find((a) => editDistance(plain(a), plain(name)) <= 2);
}

/** Levenshtein distance: the fewest insertions, deletions and substitutions that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Non-empty array of equally long, non-empty rows of finite numbers. */
export function checkRows(rows: number[][], argument: string): void {
  check(Array.isArray(rows) && rows.length > 0 && Array.isArray(rows[0]) && rows[0].length > 0, argument, "a non-empty array of rows of numbers", rows);
  const width = rows[0].length;
  rows.forEach((row, i) => {
    check(Array.isArray(row) && row.length === width, `${argument}[${i}]`, `a row of ${width} numbers (as row 0)`, row);
    check(row.every((v) => Number.isFinite(v)), `${argument}[${i}]`, "finite numbers only", row);
  });
}

/** A short, human description of any value, for error messages. */
export function describe(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? value.slice(0, 57) + "..." : value);
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value) && "length" in value) return `${value.constructor.name} of length ${(value as Float32Array).length}`;
  if (Array.isArray(value)) {
    const head = value.slice(0, 4).map(describe).join(", ");
    return `an array of length ${value.length}${value.length ? ` [${head}${value.length > 4 ? ", ..." : ""}]` : ""}`;
  }
  if (typeof value === "object" && "shape" in value && Array.isArray((value as { shape: unknown }).shape)) {
    return `a tensor of shape [${(value as { shape: number[] }).shape.join(", ")}]`;
  }
  if (typeof value === "object") return `an object with keys {${Object.keys(value as object).slice(0, 6).join(", ")}}`;
  return typeof value;
}

/**
 * What an exercise stub throws until the student writes the function: "not implemented: <exercise>.<function>",
 * e.g. "not implemented: ex06-rnn-cell.rnnCell".
 */
export class NotImplementedError extends Error {
  constructor(readonly what: string) {
    super(`not implemented: ${what}`);
    this.name = "NotImplementedError";
  }
}
