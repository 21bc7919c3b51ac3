/**
 * The sandboxed half of a grading run. A child Node process, started under the permission model, reads one
 * job from fd 3, loads one exercise module and calls its functions. It never sees an expected value: it
 * reports only what the functions returned, as JSON lines on fd 3 tagged with the run's nonce. Nothing it
 * prints, writes or exits with is read as a result. The parent transpiles this file and runs it directly,
 * so it imports nothing but Node built-ins.
 */
import * as fs from "node:fs";
import Module from "node:module";
import { dirname, isAbsolute, relative, resolve } from "node:path";

export interface Call {
  id: string;
  fn: string;
  args: unknown[];
  /** When set, the function receives a seeded uniform generator `() => number` before `args`. */
  rngSeed?: number;
  /** When set, `fn` names an exported value, returned as it is instead of called (e.g. `cases`). */
  read?: boolean;
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
  calls: Call[];
}

export type Frame =
  | { kind: "loaded" }
  | { kind: "loadError"; message: string }
  | { kind: "start"; id: string }
  | { kind: "value"; id: string; value: unknown }
  | { kind: "error"; id: string; name: string; message: string }
  | { kind: "missing-export"; id: string; exports: string[] };

// Captured before any student code runs, so monkeypatching JSON, fs or Array.prototype later cannot
// reach the channel itself (it can still spoil the student's own values, which only costs them).
const writeSync = fs.writeSync;
const stringify = JSON.stringify;
const toBytes = Buffer.from.bind(Buffer);
const isArray = Array.isArray;
const isView = ArrayBuffer.isView;
const isFiniteNumber = Number.isFinite;
/** The one private channel: the job arrives on it, the answers leave on it. */
const CHANNEL_FD = 3;
/** Node 20's permission model does not cover the network: these modules, and the internals behind them, stand in. */
const NETWORK_MODULE = /^(net|tls|https?|http2|dgram|dns|dns\/promises|cluster|_http_\w+|_tls_\w+)$/;
const ownKeys = Object.keys;
const defineProperty = Object.defineProperty;
const freeze = Object.freeze;
const prototypeOf = Object.getPrototypeOf;
const objectPrototype = Object.prototype;
const arrayPrototype = Array.prototype;
const MAX_NUMBERS = 5_000_000;

/**
 * A returned value as plain JSON: tensors become nested arrays, typed arrays plain arrays, and the numbers
 * JSON cannot hold (NaN, ±Infinity) and `undefined` become tagged objects that `decode` turns back.
 */
export function encode(value: unknown, budget = { left: MAX_NUMBERS }, depth = 0): unknown {
  if (depth > 64) throw new Error("the returned value is nested more than 64 levels deep");
  if (typeof value === "number") {
    if (--budget.left < 0) throw new Error(`the returned value holds more than ${MAX_NUMBERS} numbers`);
    return isFiniteNumber(value) ? value : { $number: String(value) };
  }
  if (value === undefined) return { $undefined: true };
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value !== "object") return { $unsupported: typeof value };
  if (isTensor(value)) return encode(value.arraySync(), budget, depth + 1);
  const items = isView(value) && !(value instanceof DataView) ? (value as unknown as ArrayLike<unknown>) : null;
  if (items || isArray(value)) {
    const list = (items ?? value) as ArrayLike<unknown>;
    const out: unknown[] = [];
    for (let i = 0; i < list.length; i++) out.push(encode(list[i], budget, depth + 1));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = encode((value as Record<string, unknown>)[key], budget, depth + 1);
  return out;
}

/** The inverse of `encode`, run by the parent on what came over the channel. */
export function decode(value: unknown): unknown {
  if (isArray(value)) return value.map(decode);
  if (value === null || typeof value !== "object") return value;
  const tagged = value as Record<string, unknown>;
  if (typeof tagged.$number === "string") return Number(tagged.$number);
  if (tagged.$undefined === true) return undefined;
  return Object.fromEntries(Object.keys(tagged).map((key) => [key, decode(tagged[key])])); // "__proto__" stays a plain key
}

function isTensor(value: object): value is { arraySync(): unknown } {
  const v = value as { arraySync?: unknown; shape?: unknown; dtype?: unknown };
  return typeof v.arraySync === "function" && isArray(v.shape) && typeof v.dtype === "string";
}

/** A copy of src/seed.ts's mulberry32: this file imports nothing but Node built-ins (see its header). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function channel(nonce: string): (frame: Frame) => void {
  return (frame) => {
    const bytes = toBytes(stringify({ nonce, ...frame }) + "\n");
    for (let sent = 0; sent < bytes.length; ) {
      try {
        sent += writeSync(CHANNEL_FD, bytes, sent);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      }
    }
  };
}

function explain(error: unknown): { name: string; message: string } {
  try {
    if (error instanceof Error) return { name: String(error.name), message: String(error.message).slice(0, 2000) };
    return { name: "a non-Error value", message: String(error).slice(0, 2000) };
  } catch {
    return { name: "a value", message: "that cannot be described" };
  }
}

/**
 * What the permission model leaves open and a submission must not reach: signals to other processes
 * (`process.kill(process.ppid)`, or `_debugProcess`, which opens the grader's inspector) and the network.
 * Runs before any student code; the replaced functions are not kept anywhere a student could find them.
 */
function lockDown(): void {
  for (const name of ["kill", "_kill", "_debugProcess", "_debugEnd"]) {
    Object.defineProperty(process, name, { value: refused(`process.${name}`), writable: false, configurable: false });
  }
  for (const name of ["fetch", "WebSocket", "EventSource"]) delete (globalThis as Record<string, unknown>)[name];
  const internals = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const load = internals._load;
  internals._load = function (request, ...rest) {
    const loaded = load.call(this, request, ...rest);
    return NETWORK_MODULE.test(request.replace(/^node:/, "")) ? offline(loaded as Record<string, unknown>, request) : loaded;
  };
}

/**
 * A network module as code in the sandbox sees it. Libraries may load one without using it (vega's loader
 * reads http.STATUS_CODES as the course library loads), so flat data stays readable, as a copy; every
 * function throws when called and every other value when read, so nothing can open a connection.
 */
function offline(real: Record<string, unknown>, request: string): object {
  const fail = refused(`the network (${request})`);
  const standIn = {};
  for (const key of ownKeys(real)) {
    const value = real[key];
    const data = flatCopy(value);
    if (data) defineProperty(standIn, key, { value: data.value, enumerable: true });
    else defineProperty(standIn, key, typeof value === "function" ? { value: fail, enumerable: true } : { get: fail, enumerable: true });
  }
  return freeze(standIn);
}

/** A primitive, or a copy of an array or plain object holding only primitives; undefined for anything else. */
function flatCopy(value: unknown): { value: unknown } | undefined {
  const primitive = (v: unknown) => v === null || (typeof v !== "object" && typeof v !== "function");
  if (primitive(value)) return { value };
  if (typeof value === "function") return undefined;
  const prototype = prototypeOf(value);
  if (prototype !== objectPrototype && prototype !== arrayPrototype) return undefined;
  const source = value as Record<string, unknown>;
  const copy = (isArray(value) ? [] : {}) as Record<string, unknown>;
  for (const key of ownKeys(source)) {
    if (!primitive(source[key])) return undefined;
    defineProperty(copy, key, { value: source[key], enumerable: true });
  }
  return { value: freeze(copy) };
}

/** A function that throws when called, or constructed with `new` (network modules export classes). */
function refused(what: string): () => never {
  return function () {
    throw new Error(`${what} is not available while grading`);
  };
}

interface ModuleInternals {
  _resolveFilename(request: string, parent: { filename?: string } | undefined, isMain: boolean, options?: object): string;
  _extensions: Record<string, (module: { _compile(code: string, filename: string): void }, filename: string) => void>;
}

/** Loads .ts from the parent's transpiled copies, and keeps imports inside what the sandbox may read. */
function installLoader(job: Job): void {
  const internals = Module as unknown as ModuleInternals;
  internals._extensions[".ts"] = (module, filename) => {
    const code = job.compiled[filename];
    if (code === undefined) throw new Error(`cannot load ${filename}: only the submission's and the course's TypeScript is compiled`);
    module._compile(code, filename);
  };
  const resolveFilename = internals._resolveFilename;
  internals._resolveFilename = function (request, parent, isMain, options) {
    const bare = !request.startsWith(".") && !isAbsolute(request) && !Module.isBuiltin(request);
    if (bare) {
      const [name, ...rest] = request.split("/");
      const linked = job.linkedPackages[name.startsWith("@") ? `${name}/${rest.shift()}` : name];
      if (linked) return resolveFilename.call(this, resolve(linked, ...rest), parent, isMain, options);
      return resolveFilename.call(this, request, parent, isMain, { paths: [job.packagesRoot] });
    }
    if (request.startsWith(".") && parent?.filename && inside(job.folder, parent.filename)) {
      const mirrored = resolve(job.mirror, relative(job.folder, dirname(parent.filename)), request);
      if (!inside(job.mirror, mirrored)) request = mirrored;
    }
    return resolveFilename.call(this, request, parent, isMain, options);
  };
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Awaits a returned promise while holding the process open, so one that never settles times out. */
async function settled(promise: unknown): Promise<unknown> {
  const keepAlive = setInterval(() => {}, 2 ** 30);
  try {
    return await promise;
  } finally {
    clearInterval(keepAlive);
  }
}

async function main(): Promise<void> {
  const job = JSON.parse(fs.readFileSync(CHANNEL_FD, "utf8")) as Job;
  const send = channel(job.nonce);
  lockDown();
  installLoader(job);
  let exports: Record<string, unknown>;
  try {
    exports = require(job.entry);
  } catch (error) {
    const { name, message } = explain(error);
    return send({ kind: "loadError", message: `${name}: ${message}` });
  }
  send({ kind: "loaded" });
  for (const call of job.calls) {
    send({ kind: "start", id: call.id });
    const fn = exports[call.fn];
    if (call.read) {
      send({ kind: "value", id: call.id, value: encode(fn) });
      continue;
    }
    if (typeof fn !== "function") {
      send({ kind: "missing-export", id: call.id, exports: Object.keys(exports).filter((key) => typeof exports[key] === "function") });
      continue;
    }
    try {
      const args = call.rngSeed === undefined ? call.args : [generator(call.rngSeed), ...call.args];
      let value: unknown = fn(...args);
      if (value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function") value = await settled(value);
      send({ kind: "value", id: call.id, value: encode(value) });
    } catch (error) {
      send({ kind: "error", id: call.id, ...explain(error) });
    }
  }
}

if (require.main === module) void main();
