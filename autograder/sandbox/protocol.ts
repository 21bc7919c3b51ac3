/**
 * The grading protocol between the parent and the sandboxed runner, and the parent's reading of it.
 * The parent writes one job (JSON) on fd 3 and closes its side; the runner answers with frames, one line
 * each: the run's nonce, a space, then the frame as JSON in ASCII. Student code in the child can write to
 * fd 3 too, so the parent treats every byte as hostile: it bounds the total and each frame, holds no line
 * that does not start with the nonce, checks the nesting before parsing, never recurses deeper than that
 * bound, and accepts a frame only when it is the one it waits for.
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
  /** The parent's bounds on a frame, so that the runner refuses in words an answer the parent would not read. */
  maxFrameBytes: number;
  maxValueDepth: number;
  maxContainers: number;
}

export type Frame =
  | { kind: "ready" }
  | { kind: "loaded" }
  | { kind: "loadError"; message: string }
  | { kind: "start"; id: string }
  | { kind: "value"; id: string; value: unknown }
  | { kind: "error"; id: string; name: string; message: string }
  | { kind: "unreadable"; id: string; message: string }
  | { kind: "missing-export"; id: string; exports: string[]; more?: number };

/** How deep a returned value may nest (the runner refuses deeper ones), and the frame around it. */
export const MAX_VALUE_DEPTH = 64;
const MAX_FRAME_DEPTH = MAX_VALUE_DEPTH + 4;
/**
 * How many arrays and objects one answer may hold: what parsing it costs the parent is its bytes plus
 * these. The course's largest answer holds 23; a million empty arrays fit in 4 MiB.
 */
export const MAX_CONTAINERS = 100_000;
/**
 * The largest frame, in bytes (characters: frames are ASCII). The largest answer of the course today is
 * 1.6 KB of JSON; 4 MiB holds about 200,000 numbers. The parent holds at most one such line per child
 * while it arrives, and parses one at a time.
 */
export const MAX_FRAME_BYTES = 4 * 2 ** 20;
/** Everything one child may send, all frames together (counted, never held). */
export const MAX_CHANNEL_BYTES = 64e6;

const NEWLINE = 0x0a;

/**
 * Splits what arrives on the channel into lines, as bytes. A line that does not start with `prefix` (the
 * nonce and a space) is skipped as it arrives, never held; one that does is held up to MAX_FRAME_BYTES.
 * `push` returns why the child must be stopped ("flood", "frame too large"), or undefined.
 */
export class LineReader {
  private parts: Buffer[] = [];
  private held = 0;
  /** Bytes of the current line seen so far (held or not). */
  private seen = 0;
  private skipping = false;
  private received = 0;
  private readonly prefix: Buffer;

  constructor(prefix: string, private readonly onLine: (line: string) => void, private readonly maxLine = MAX_FRAME_BYTES, private readonly maxTotal = MAX_CHANNEL_BYTES) {
    this.prefix = Buffer.from(prefix, "latin1");
  }

  push(chunk: Buffer): "flood" | "frame too large" | undefined {
    this.received += chunk.length;
    if (this.received > this.maxTotal) return "flood";
    let start = 0;
    while (start < chunk.length) {
      const end = chunk.indexOf(NEWLINE, start);
      const piece = chunk.subarray(start, end < 0 ? chunk.length : end);
      const problem = this.take(piece);
      if (problem) return problem;
      if (end < 0) break;
      this.endLine();
      start = end + 1;
    }
    return undefined;
  }

  private take(piece: Buffer): "frame too large" | undefined {
    if (this.skipping || piece.length === 0) return undefined;
    const offset = this.seen;
    this.seen += piece.length;
    // Compare what this piece adds of the prefix: a line is held only while it still starts with it.
    const overlap = Math.min(this.prefix.length - Math.min(offset, this.prefix.length), piece.length);
    if (overlap > 0 && !piece.subarray(0, overlap).equals(this.prefix.subarray(offset, offset + overlap))) {
      this.drop();
      this.skipping = true;
      return undefined;
    }
    if (this.held + piece.length > this.maxLine) return "frame too large";
    this.parts.push(Buffer.from(piece)); // a copy: the chunk itself is not kept alive by a slice of it
    this.held += piece.length;
    return undefined;
  }

  private endLine(): void {
    const complete = !this.skipping && this.seen >= this.prefix.length;
    const line = complete ? Buffer.concat(this.parts, this.held).toString("latin1") : undefined;
    this.drop();
    this.skipping = false;
    this.seen = 0;
    if (line !== undefined) this.onLine(line);
  }

  private drop(): void {
    this.parts = [];
    this.held = 0;
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
  if (!shapeWithin(text, MAX_FRAME_DEPTH, MAX_CONTAINERS + 1)) return undefined;
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
    case "unreadable":
      return text("id") && text("message");
    case "missing-export":
      return text("id") && Array.isArray(frame.exports) && frame.exports.every((e) => typeof e === "string") && (frame.more === undefined || Number.isInteger(frame.more));
    default:
      return false;
  }
}

/**
 * Whether the brackets of JSON `text` nest at most `maxDepth` deep and open at most `maxContainers` arrays
 * and objects (brackets inside strings do not count).
 */
export function shapeWithin(text: string, maxDepth: number, maxContainers = Infinity): boolean {
  let depth = 0;
  let containers = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth || ++containers > maxContainers) return false;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return true;
}

/**
 * A value as the runner encoded it, back to what the student's function returned: tagged numbers
 * ({$number: "NaN"}) and `undefined` restored, in place (the parsed value is the parent's own: no copy is
 * made of an answer that may hold 100,000 arrays). Its input was checked by `readFrame`, so the recursion
 * is bounded; "__proto__" stays a plain key.
 */
export function decode(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decode(value[i]);
    return value;
  }
  if (value === null || typeof value !== "object") return value;
  const tagged = value as Record<string, unknown>;
  if (typeof tagged.$number === "string") return Number(tagged.$number);
  if (tagged.$undefined === true) return undefined;
  for (const key of Object.keys(tagged)) {
    const decoded = decode(tagged[key]);
    if (decoded !== tagged[key]) Object.defineProperty(tagged, key, { value: decoded, writable: true, enumerable: true, configurable: true });
  }
  return tagged;
}
