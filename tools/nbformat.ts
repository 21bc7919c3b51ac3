/**
 * A notebook's file, byte for byte as Jupyter writes it. Every front end saves through Python's nbformat
 * (`nbformat.write`: `json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False)` after `split_lines`, plus a
 * final newline), so a tool that writes the same bytes leaves nothing for a front end to rewrite: opening and
 * saving a notebook changes nothing, and neither does a tool run after a save.
 *
 * Numbers are the subtle part. JSON.parse keeps no difference between 1 and 1.0, and a front end saves what the
 * browser's JSON.stringify sent, which writes an integer-valued number below 1e21 without fraction or exponent
 * (1e16 as 10000000000000000, -0 as 0): Python then reads an int and writes it as such. So integer-valued numbers
 * below 1e21 are written as JavaScript writes them, every other number as Python's float repr (1.5364394e-09,
 * 1e-05, 1e+21). Written either way, a notebook reads back to the same numbers and is written again unchanged,
 * by Python's nbformat and by a browser save alike (test/nbformat.test.ts, against real nbformat).
 */
import { writeIfChanged } from "./write-if-changed";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The file's contents: nbformat's rules for which text is split into lines, then Python's json.dumps. */
export function notebookText(notebook: object): string {
  return pythonJson(onDisk(structuredClone(notebook) as JsonObject), "") + "\n";
}

/**
 * Writes the notebook, atomically, unless the file already holds exactly these bytes (then it stays untouched,
 * its time included: an open front end sees no change on disk). Returns whether it wrote.
 */
export function writeNotebookFile(path: string, notebook: object): boolean {
  return writeIfChanged(path, notebookText(notebook));
}

// ---- What nbformat stores: its read (rejoin_lines, strip_transient) then its write (split_lines) ----

/** MIME types whose text nbformat splits into lines besides text/*. */
const SPLIT_MIMES = new Set(["application/javascript", "image/svg+xml"]);

function onDisk(notebook: JsonObject): JsonObject {
  const metadata = (notebook.metadata ?? {}) as JsonObject;
  for (const key of ["orig_nbformat", "orig_nbformat_minor", "signature"]) delete metadata[key];
  for (const cell of (notebook.cells ?? []) as JsonObject[]) {
    delete (cell.metadata as JsonObject | undefined)?.trusted;
    if (cell.source !== undefined) cell.source = splitLines(joined(cell.source));
    for (const attachment of Object.values((cell.attachments ?? {}) as JsonObject)) splitBundle(attachment as JsonObject);
    if (cell.cell_type !== "code") continue;
    for (const output of (cell.outputs ?? []) as JsonObject[]) {
      if (output.output_type === "execute_result" || output.output_type === "display_data") splitBundle((output.data ?? {}) as JsonObject);
      else if (output.output_type === "stream") output.text = splitLines(joined(output.text));
      else if (Array.isArray(output.text) && output.text.every(isString)) output.text = output.text.join("");
    }
  }
  return notebook;
}

/** A MIME bundle: text that was split is joined (except JSON types); text/*, SVG and JavaScript are split again. */
function splitBundle(bundle: JsonObject): void {
  for (const [mime, value] of Object.entries(bundle)) {
    const json = mime === "application/json" || (mime.startsWith("application/") && mime.endsWith("+json"));
    const text = json ? value : joined(value);
    bundle[mime] = typeof text === "string" && (mime.startsWith("text/") || SPLIT_MIMES.has(mime)) ? splitLines(text) : text;
  }
}

const isString = (value: Json): value is string => typeof value === "string";

/** A list of strings joined, as nbformat's rejoin_lines does; anything else as it is. */
function joined(value: Json): Json {
  return Array.isArray(value) && value.every(isString) ? value.join("") : value;
}

/** Python's str.splitlines(True): the line boundaries Python knows, each kept at its line's end; "" gives []. */
const LINE_END = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

export function splitLines(text: Json): Json {
  if (typeof text !== "string") return text;
  const lines: string[] = [];
  let start = 0;
  for (const match of text.matchAll(LINE_END)) {
    lines.push(text.slice(start, match.index! + match[0].length));
    start = match.index! + match[0].length;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

// ---- Python's json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False) ----

function pythonJson(value: Json, indent: string): string {
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "number") return pythonNumber(value);
  // ensure_ascii=False escapes what JSON.stringify escapes in a well-formed string: quote, backslash, controls.
  if (typeof value === "string") return JSON.stringify(value);
  const inner = `${indent} `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => inner + pythonJson(item, inner)).join(",\n")}\n${indent}]`;
  }
  // Object.keys puts integer-like keys ("10", "2") first; Python sorts every key by its code points.
  const keys = Object.keys(value).sort(byCodePoints);
  if (keys.length === 0) return "{}";
  return `{\n${keys.map((key) => `${inner}${JSON.stringify(key)}: ${pythonJson(value[key], inner)}`).join(",\n")}\n${indent}}`;
}

/** Python's string order: by code point (JavaScript's < compares UTF-16 units, which differs past U+FFFF). */
function byCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const difference = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return x.length - y.length;
}

/**
 * An integer-valued number below 1e21 as JavaScript writes it (what a browser sends, an int to Python); any
 * other as Python's repr of a float: the shortest digits that read back to the same number (JavaScript's
 * digits too), with an exponent when the decimal point would sit more than 16 digits right of the first digit
 * or 4 or more zeros left of it, the exponent signed and at least two digits long.
 */
export function pythonNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`a notebook cannot hold ${value}: JSON has no such number`);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value); // -0 too: "0"
  const [mantissa, exponentText] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace(/^-/, "").replace(".", "");
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  // Not an integer, so some digit lies right of the point: there are more digits than `point`.
  const point = exponent + 1;
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
