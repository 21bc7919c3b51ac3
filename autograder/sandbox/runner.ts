/**
 * The sandboxed half of a grading run. The parent transpiles this file and starts it as `node -e` in the
 * sandbox (process.ts), so it imports nothing but Node's built-in modules. It reads one job from fd 3,
 * closes what the sandbox leaves open, loads one exercise module and calls its functions. It never sees an
 * expected value: it reports only what the functions returned, as frames on fd 3 (protocol.ts).
 *
 * Student code runs in this process, so everything the channel uses is captured before it loads, and a
 * frame is built from objects without a prototype: no getter, toJSON or prototype method that student code
 * installs runs while a frame is written, and none ever sees the nonce.
 */
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import type { Call, Job, LibraryRule } from "./protocol";

/** `method` as a plain function of (this, ...args), immune to a later Function.prototype.call. */
const uncurry = <A extends unknown[], R>(method: (...args: A) => R) => Function.prototype.call.bind(method) as (self: unknown, ...args: A) => R;
const writeSync = fs.writeSync;
const readFileSync = fs.readFileSync;
const realpathSync = fs.realpathSync;
const { dirname, isAbsolute, relative, resolve } = path;
const isBuiltin = Module.isBuiltin;
const stringify = JSON.stringify;
const parse = JSON.parse;
const sliceString = uncurry(String.prototype.slice);
const charCode = uncurry(String.prototype.charCodeAt);
const startsWith = uncurry(String.prototype.startsWith);
const create = Object.create as (prototype: null) => Record<string, unknown>;
const ownKeys = Object.keys;
const defineProperty = Object.defineProperty;
const describeProperty = Object.getOwnPropertyDescriptor;
const freeze = Object.freeze;
const prototypeOf = Object.getPrototypeOf;
const objectPrototype = Object.prototype;
const arrayPrototype = Array.prototype;
const isArray = Array.isArray;
const isView = ArrayBuffer.isView;
const isFiniteNumber = Number.isFinite;
const setPrototypeOf = Object.setPrototypeOf;
const DataViewConstructor = DataView;
const ProxyConstructor = Proxy;
const ErrorConstructor = Error;
const HEX = "0123456789abcdef";

/** The one private channel: the job arrives on it, the answers leave on it. */
const CHANNEL_FD = 3;
const MAX_VALUE_DEPTH = 64; // protocol.ts's bound: the parent ignores deeper frames
const MAX_NUMBERS = 5_000_000;
/**
 * Node 20's permission model does not cover the network. Every socket starts in one of these modules (TCP
 * and Unix sockets in net, UDP in dgram, name lookups in dns), so they are disabled in place: `require`,
 * `process.getBuiltinModule` and `import()` all see the same stand-ins. Modules built on them (tls, http,
 * http2, tty...) are not loaded yet when this runs; loaded later, they take the stand-ins as their base.
 * Any of them already loaded is disabled too. The OS sandbox, where there is one, has no network anyway.
 */
const NETWORK_MODULES = ["net", "dgram", "dns", "dns/promises"];
const BUILT_ON_NETWORK = ["tls", "_tls_wrap", "_tls_common", "http", "https", "http2", "_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing", "_http_server", "cluster"];
/** Functions the permission model leaves open that reach outside this process or write files. */
const REFUSED: Record<string, string[]> = {
  os: ["setPriority"], // the grader's priority, or any process's as root
  v8: ["getHeapSnapshot", "writeHeapSnapshot", "setFlagsFromString", "setHeapSnapshotNearHeapLimit"], // memory holds the nonce
  trace_events: ["createTracing"], // writes a trace file into the working folder, unchecked
  module: ["register"], // ESM loader hooks
};
const PROCESS_REFUSED = ["kill", "_kill", "_debugProcess", "_debugEnd", "chdir", "setuid", "setgid", "seteuid", "setegid", "setgroups", "initgroups"];

/**
 * A returned value as plain JSON in objects without a prototype: tensors become nested arrays, typed
 * arrays plain arrays, and what JSON cannot hold (NaN, ±Infinity, undefined) tagged objects that
 * protocol.ts's `decode` turns back. Reading the value may run student code (getters): that is theirs.
 */
function encode(value: unknown, budget: { left: number }, depth: number): unknown {
  if (depth > MAX_VALUE_DEPTH) throw new ErrorConstructor(`the returned value is nested more than ${MAX_VALUE_DEPTH} levels deep`);
  if (typeof value === "number") {
    if (--budget.left < 0) throw new ErrorConstructor(`the returned value holds more than ${MAX_NUMBERS} numbers`);
    return isFiniteNumber(value) ? value : record([["$number", `${value}`]]);
  }
  if (value === undefined) return record([["$undefined", true]]);
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value !== "object") return record([["$unsupported", typeof value]]);
  if (isTensor(value)) return encode(value.arraySync(), budget, depth + 1);
  if (isArray(value) || (isView(value) && !(value instanceof DataViewConstructor))) {
    const list = value as ArrayLike<unknown>;
    const out = bareArray();
    for (let i = 0; i < list.length; i++) out[i] = encode(list[i], budget, depth + 1);
    return out;
  }
  const out = create(null);
  const keys = ownKeys(value);
  for (let i = 0; i < keys.length; i++) out[keys[i]] = encode((value as Record<string, unknown>)[keys[i]], budget, depth + 1);
  return out;
}

/** An array without a prototype: still an array to JSON.stringify, with no toJSON or iterator to find. */
function bareArray(): unknown[] {
  const out: unknown[] = [];
  setPrototypeOf(out, null);
  return out;
}

type Entry = [string, unknown];

/** An object without a prototype holding `entries` (read by index: no iterator of student code runs). */
function record(entries: Entry[]): Record<string, unknown> {
  const out = create(null);
  for (let i = 0; i < entries.length; i++) out[entries[i][0]] = entries[i][1];
  return out;
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

/** Writes frames: `<nonce> <json>\n`, the JSON made ASCII so that characters and bytes agree. */
type Send = (...entries: Entry[]) => void;

function channel(nonce: string): Send {
  return (...entries) => writeAll(`${nonce} ${ascii(stringify(record(entries)))}\n`);
}

function writeAll(text: string): void {
  for (let sent = 0; sent < text.length; ) {
    try {
      sent += writeSync(CHANNEL_FD, sent === 0 ? text : sliceString(text, sent));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    }
  }
}

/** JSON with every character above 0x7e written as a \u escape (only strings can hold them). */
function ascii(json: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < json.length; i++) {
    const c = charCode(json, i);
    if (c <= 0x7e) continue;
    out += `${sliceString(json, from, i)}\\u${HEX[c >> 12]}${HEX[(c >> 8) & 15]}${HEX[(c >> 4) & 15]}${HEX[c & 15]}`;
    from = i + 1;
  }
  return from === 0 ? json : out + sliceString(json, from);
}

function explain(error: unknown): { name: string; message: string } {
  try {
    if (error instanceof ErrorConstructor) return { name: `${error.name}`, message: sliceString(`${error.message}`, 0, 2000) };
    return { name: "a non-Error value", message: sliceString(`${error}`, 0, 2000) };
  } catch {
    return { name: "a value", message: "that cannot be described" };
  }
}

/** A function that throws when called, or constructed with `new` (network modules export classes). */
function refused(what: string): () => never {
  return function () {
    throw new ErrorConstructor(`${what} is not available while grading`);
  };
}

/**
 * Closes, before any student code runs, what Node 20's permission model leaves open: signals and the
 * inspector of other processes (`process.kill`, `_debugProcess`), changing directory, user or priority,
 * heap snapshots and V8 flags (they expose this process's memory, the nonce included), trace files, and
 * the network. Every replacement is fixed (not writable, not configurable).
 */
function lockDown(): void {
  for (const [name, functions] of Object.entries(REFUSED)) {
    const real = require(name) as Record<string, unknown>;
    for (const fn of functions) fix(real, fn, refused(`${name}.${fn}`));
  }
  const loaded = (name: string) => (process as unknown as { moduleLoadList: string[] }).moduleLoadList.includes(`NativeModule ${name}`);
  for (const name of [...NETWORK_MODULES, ...BUILT_ON_NETWORK.filter(loaded)]) offline(require(name) as Record<string, unknown>, name);
  if (loaded("tty")) for (const name of ["ReadStream", "WriteStream"]) fix(require("tty"), name, refused(`tty.${name}`)); // net.Socket's kin
  (Module as unknown as { syncBuiltinESMExports(): void }).syncBuiltinESMExports();
  // After the modules above: loading trace_events wraps process.chdir (Node's worker support).
  for (const name of PROCESS_REFUSED) fix(process, name, refused(`process.${name}`));
  for (const name of ["fetch", "WebSocket", "EventSource"]) delete (globalThis as Record<string, unknown>)[name];
}

function fix(target: object, key: string, value: unknown): void {
  if (describeProperty(target, key)?.configurable === false) return;
  defineProperty(target, key, { value, writable: false, configurable: false, enumerable: true });
}

/**
 * A network module disabled where it lives. Libraries may load one without using it (vega's loader reads
 * http.STATUS_CODES as the course library loads), so flat data stays readable, as a frozen copy; every
 * function throws when called and every other value when read, so nothing can open a connection.
 */
function offline(real: Record<string, unknown>, name: string): void {
  const fail = refused(`the network (${name})`);
  for (const key of ownKeys(real)) {
    if (describeProperty(real, key)?.configurable === false) continue; // tls.rootCertificates: strings
    const value = real[key];
    const data = flatCopy(value);
    if (data) fix(real, key, data.value);
    else if (typeof value === "function") fix(real, key, fail);
    else defineProperty(real, key, { get: fail, configurable: false, enumerable: true });
  }
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

interface ModuleInternals {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
  _resolveFilename(request: string, parent: { filename?: string } | undefined, isMain: boolean, options?: object): string;
  _extensions: Record<string, (module: { _compile(code: string, filename: string): void }, filename: string) => void>;
  _cache: Record<string, { filename: string; children: { filename: string }[] }>;
}
const internals = Module as unknown as ModuleInternals;

function inside(folder: string, file: string): boolean {
  const rel = relative(folder, file);
  return rel === "" || (!startsWith(rel, "..") && !isAbsolute(rel));
}

/** Loads .ts from the parent's transpiled copies, and keeps imports inside what the sandbox may read. */
function installLoader(job: Job): void {
  internals._extensions[".ts"] = (module, filename) => {
    const code = job.compiled[filename];
    if (code === undefined) throw new ErrorConstructor(`cannot load ${filename}: only the submission's and the course's TypeScript is compiled`);
    module._compile(code, filename);
  };
  const resolveFilename = uncurry(internals._resolveFilename);
  internals._resolveFilename = function (request, parent, isMain, options) {
    const bare = !startsWith(request, ".") && !isAbsolute(request) && !isBuiltin(request);
    if (bare) {
      const [name, ...rest] = request.split("/");
      const linked = job.linkedPackages[startsWith(name, "@") ? `${name}/${rest.shift()}` : name];
      if (linked) return resolveFilename(this, resolve(linked, ...rest), parent, isMain, options);
      return resolveFilename(this, request, parent, isMain, { paths: [job.packagesRoot] });
    }
    if (startsWith(request, ".") && parent?.filename && inside(job.folder, parent.filename)) {
      const mirrored = resolve(job.mirror, relative(job.folder, dirname(parent.filename)), request);
      if (!inside(job.mirror, mirrored)) request = mirrored;
    }
    return resolveFilename(this, request, parent, isMain, options);
  };
}

/**
 * The library rule, by resolution. The names the exercise allows are loaded now, before student code, into
 * a read-only view of the library; then every library module leaves the module cache. From then on a load
 * that resolves into the library (a bare or relative import, a re-export, a helper file, `createRequire`,
 * `import()`) gets that view if it names one of the library's entries, and an error otherwise; and any
 * library file that would be compiled (`new Module().load(file)` skips the resolution) is refused.
 */
function restrictLibrary(rule: LibraryRule): void {
  const load = uncurry(internals._load);
  const resolveFilename = uncurry(internals._resolveFilename);
  for (let i = 0; i < rule.preload.length; i++) load(Module, rule.preload[i], null, false);
  const allowed = create(null);
  const allowedNames = ownKeys(rule.allowed);
  for (let i = 0; i < allowedNames.length; i++) {
    const name = allowedNames[i];
    allowed[name] = (load(Module, rule.allowed[name], null, false) as Record<string, unknown>)[name];
  }
  defineProperty(allowed, "__esModule", { value: true });
  freeze(allowed);
  const known = create(null);
  for (let i = 0; i < rule.names.length; i++) known[rule.names[i]] = true;
  const names = allowedNames.length ? allowedNames.join(", ") : "nothing";
  const view = new ProxyConstructor(allowed, {
    get(target, key) {
      if (typeof key === "string" && known[key] === true && target[key] === undefined) {
        throw new ErrorConstructor(`${key} comes from the course library (rnn-course): this exercise is about writing that yourself (allowed from the library: ${names})`);
      }
      return target[key as string];
    },
  });
  const inLibrary = (file: string) => {
    let real = file;
    try {
      real = realpathSync(file);
    } catch {
      // a path that does not exist is not a library file
    }
    for (let i = 0; i < rule.roots.length; i++) if (inside(rule.roots[i], real)) return real;
    return undefined;
  };
  const refuse = (what: string): never => {
    throw new ErrorConstructor(`${what} is part of the course library (rnn-course): this exercise may use only ${names} from it, imported from "rnn-course"`);
  };
  const cache = internals._cache;
  for (const key of ownKeys(cache)) if (inLibrary(key)) delete cache[key];
  for (const key of ownKeys(cache)) cache[key].children = cache[key].children.filter((child) => !inLibrary(child.filename));
  internals._load = function (request, parent, isMain) {
    if (!isBuiltin(request)) {
      const file = inLibrary(resolveFilename(Module, request, parent as { filename?: string }, isMain));
      if (file !== undefined) {
        for (let i = 0; i < rule.entries.length; i++) if (rule.entries[i] === file) return view;
        refuse(request);
      }
    }
    return load(this, request, parent, isMain);
  };
  const extensions = internals._extensions;
  for (const extension of ownKeys(extensions)) {
    const compile = uncurry(extensions[extension]);
    extensions[extension] = function (module, filename) {
      if (inLibrary(filename) !== undefined) refuse(filename);
      return compile(this, module, filename);
    };
  }
}

/** Student code may rewrite the module system's functions for its own modules, never the ones installed here. */
function lockModuleSystem(): void {
  const loader = Module as unknown as Record<string, unknown>;
  for (const key of ["_load", "_resolveFilename", "_extensions", "_cache", "_findPath"]) fix(loader, key, loader[key]);
  freeze(internals._extensions);
  const prototype = Module.prototype as unknown as Record<string, unknown>;
  for (const key of ["require", "load", "_compile"]) fix(prototype, key, prototype[key]);
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
  const job = parse(readFileSync(CHANNEL_FD, "utf8")) as Job;
  const send = channel(job.nonce);
  lockDown();
  installLoader(job);
  if (job.library) restrictLibrary(job.library);
  lockModuleSystem();
  send(["kind", "ready"]); // the case's time limit starts now, with the student's code
  let exports: Record<string, unknown>;
  try {
    exports = require(job.entry);
  } catch (error) {
    const { name, message } = explain(error);
    return send(["kind", "loadError"], ["message", `${name}: ${message}`]);
  }
  send(["kind", "loaded"]);
  for (let i = 0; i < job.calls.length; i++) await answer(job.calls[i], exports, send);
}

async function answer(call: Call, exports: Record<string, unknown>, send: Send): Promise<void> {
  const id: Entry = ["id", call.id];
  send(["kind", "start"], id);
  try {
    const fn = exports[call.fn];
    if (call.read) return send(["kind", "value"], id, ["value", encode(fn, { left: MAX_NUMBERS }, 0)]);
    if (typeof fn !== "function") return send(["kind", "missing-export"], id, ["exports", exportedFunctions(exports)]);
    const args = call.rngSeed === undefined ? call.args : [generator(call.rngSeed), ...call.args];
    let value: unknown = fn(...args);
    if (value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function") value = await settled(value);
    send(["kind", "value"], id, ["value", encode(value, { left: MAX_NUMBERS }, 0)]);
  } catch (error) {
    const { name, message } = explain(error);
    send(["kind", "error"], id, ["name", name], ["message", message]);
  }
}

function exportedFunctions(exports: Record<string, unknown>): unknown[] {
  const names = bareArray();
  const keys = ownKeys(exports);
  for (let i = 0; i < keys.length; i++) if (typeof exports[keys[i]] === "function") names[names.length] = `${keys[i]}`;
  return names;
}

// Started as the sandbox's script (`node -e`): Node names that module "[eval]".
if (module.id === "[eval]") void main();
