/**
 * The grading protocol between the parent and the sandboxed runner, and the parent's reading of it.
 * The parent writes one job (JSON) on fd 3 and closes its side; the runner answers with frames, one line
 * each: the run's nonce, a space, then the frame as JSON. Student code in the child can write to fd 3 too,
 * so the parent treats every byte as hostile: it bounds the total, checks the nesting before parsing,
 * never recurses deeper than that bound, and accepts a frame only when it is the one it waits for.
 */

export interface Call {
  id: string;
  fn: string;
  args: unknown[];
  /** When set, the function receives a seeded uniform generator `() => number` before `args`. */
  rngSeed?: number;
  /** When set, `fn` names an exported value, returned as it is instead of called (e.g. `cases`). */
  read?: boolean;
}

/** The course library as an exercise may see it: only the names its meta.json allows. */
export interface LibraryRule {
  /** Files of the library (folders): nothing inside loads once student code runs, except through `entries`. */
  roots: string[];
  /** The library's entry files (its package main, src/index.ts): these load as the restricted view. */
  entries: string[];
  /** Allowed name -> the file that defines it. */
  allowed: Record<string, string>;
  /** Every name the library exports, so a refused one gets a message instead of `undefined`. */
  names: string[];
  /** Grader modules that import library files (autograder/core): loaded before student code runs. */
  preload: string[];
}

export interface Job {
  nonce: string;
  /** Absolute path of the module whose exports are called. */
  entry: string;
  /** The submission's folder. A relative import that leaves it lands at the same place under `mirror`. */
  folder: string;
  mirror: string;
  /** Bare imports (`@tensorflow/tfjs`, `rnn-course`) resolve from this folder's node_modules... */
  packagesRoot: string;
  /** ...except packages installed as links (`rnn-course` -> ..), which resolve to their real folder. */
  linkedPackages: Record<string, string>;
  /** Absolute .ts path -> CommonJS, transpiled by the parent (no compiler runs in the sandbox). */
  compiled: Record<string, string>;
  /** Present when the exercise forbids the course's own implementation. */
  library?: LibraryRule;
  calls: Call[];
}

export type Frame =
  | { kind: "ready" }
  | { kind: "loaded" }
  | { kind: "loadError"; message: string }
  | { kind: "start"; id: string }
  | { kind: "value"; id: string; value: unknown }
  | { kind: "error"; id: string; name: string; message: string }
  | { kind: "missing-export"; id: string; exports: string[] };

/** How deep a returned value may nest (the runner refuses deeper ones), and the frame around it. */
export const MAX_VALUE_DEPTH = 64;
const MAX_FRAME_DEPTH = MAX_VALUE_DEPTH + 4;
/** Everything one child may send, all frames together. */
export const MAX_CHANNEL_CHARS = 64e6;

/**
 * Splits what arrives on the channel into lines, holding at most MAX_CHANNEL_CHARS in all.
 * `push` returns false once the child has sent more than that: the caller stops it.
 */
export class LineReader {
  private pending = "";
  private received = 0;

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): boolean {
    this.received += chunk.length;
    if (this.received > MAX_CHANNEL_CHARS) return false;
    let start = 0;
    for (let end = chunk.indexOf("\n"); end >= 0; end = chunk.indexOf("\n", start)) {
      const line = this.pending + chunk.slice(start, end);
      this.pending = "";
      start = end + 1;
      this.onLine(line);
    }
    this.pending += chunk.slice(start);
    return true;
  }
}

/**
 * The frame on `line`, or undefined for anything that is not a well-formed frame of this run: a line
 * without the nonce, JSON nested deeper than a frame can be, an unknown kind or a field of the wrong type.
 */
export function readFrame(line: string, nonce: string): Frame | undefined {
  const prefix = `${nonce} `;
  if (!line.startsWith(prefix)) return undefined;
  const text = line.slice(prefix.length);
  if (!nestsAtMost(text, MAX_FRAME_DEPTH)) return undefined;
  let frame: Record<string, unknown>;
  try {
    frame = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  return wellFormed(frame) ? (frame as Frame) : undefined;
}

function wellFormed(frame: Record<string, unknown>): boolean {
  if (frame === null || typeof frame !== "object" || Array.isArray(frame)) return false;
  const text = (key: string) => typeof frame[key] === "string";
  switch (frame.kind) {
    case "ready":
    case "loaded":
      return true;
    case "loadError":
      return text("message");
    case "start":
      return text("id");
    case "value":
      return text("id") && "value" in frame;
    case "error":
      return text("id") && text("name") && text("message");
    case "missing-export":
      return text("id") && Array.isArray(frame.exports) && frame.exports.every((e) => typeof e === "string");
    default:
      return false;
  }
}

/** Whether the brackets of JSON `text` nest at most `limit` deep (brackets inside strings do not count). */
export function nestsAtMost(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return false;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return true;
}

/**
 * A value as the runner encoded it, back to what the student's function returned: tagged numbers
 * ({$number: "NaN"}) and `undefined` restored. Its input was checked by `readFrame`, so the recursion is
 * bounded; "__proto__" stays a plain key.
 */
export function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value === null || typeof value !== "object") return value;
  const tagged = value as Record<string, unknown>;
  if (typeof tagged.$number === "string") return Number(tagged.$number);
  if (tagged.$undefined === true) return undefined;
  return Object.fromEntries(Object.keys(tagged).map((key) => [key, decode(tagged[key])]));
}
