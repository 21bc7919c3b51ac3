/**
 * The sandboxed half of a grading run. The parent transpiles this file and starts it as `node -e` in the
 * sandbox (process.ts), wrapped in a function (`runnerScript` in child.ts), so it imports nothing but
 * Node's built-in modules and none of its names is a global. It reads one job from fd 3, closes what the
 * sandbox leaves open, loads one exercise module and calls its functions. It never sees an expected value:
 * it reports only what the functions returned, as frames on fd 3 (protocol.ts).
 *
 * Student code runs in this process and may rewrite any global, prototype or module it can reach. So
 * everything this file uses once student code has loaded is captured before (the "primordials" below),
 * lives in this function's closure, and is called in ways that consult nothing shared: methods uncurried,
 * no iteration protocol, no species, no template literal of an object, no `await`, objects without a
 * prototype. The README ("The runner and student code") gives the whole reasoning.
 */
import fs = require("node:fs");
import Module = require("node:module");
import nodePath = require("node:path");
import util = require("node:util");
import type { Call, Job, LibraryRule } from "./protocol";

// Primordials: captured while only Node's own code has run. `uncurry(m)(self, ...args)` is `self.m(...args)`
// with the original `m` and the original Function.prototype.call, whatever is rewritten later.
const uncurry = <A extends unknown[], R>(method: (...args: A) => R) => Function.prototype.call.bind(method) as (self: unknown, ...args: A) => R;
const apply = Reflect.apply;
const writeSync = fs.writeSync;
const readFileSync = fs.readFileSync;
const realpathSync = fs.realpathSync;
const resolvePath = nodePath.resolve; // node:path is frozen under the permission model
const dirname = nodePath.dirname;
const isAbsolute = nodePath.isAbsolute;
const isBuiltin = Module.isBuiltin;
const compileModule = uncurry((Module.prototype as unknown as { _compile(code: string, filename: string): unknown })._compile);
const { isNativeError, isDataView, isPromise } = util.types;
const promiseThen = uncurry(Promise.prototype.then) as (promise: unknown, ok: (v: unknown) => void, fail: (e: unknown) => void) => unknown;
const stringify = JSON.stringify;
const parse = JSON.parse;
const sliceString = uncurry(String.prototype.slice);
const indexOf = uncurry(String.prototype.indexOf);
const charCode = uncurry(String.prototype.charCodeAt);
const startsWith = uncurry(String.prototype.startsWith);
const toText = String;
const hasOwn = Object.hasOwn;
const create = Object.create as (prototype: null) => Record<string, unknown>;
const ownKeys = Object.keys;
const defineProperty = Object.defineProperty;
const describeProperty = Object.getOwnPropertyDescriptor;
const freeze = Object.freeze;
const prototypeOf = Object.getPrototypeOf;
const setPrototypeOf = Object.setPrototypeOf;
const objectPrototype = Object.prototype;
const arrayPrototype = Array.prototype;
const isArray = Array.isArray;
const isView = ArrayBuffer.isView;
const isFiniteNumber = Number.isFinite;
const imul = Math.imul;
const setInterval = globalThis.setInterval;
const clearInterval = globalThis.clearInterval;
const ProxyConstructor = Proxy;
const ErrorConstructor = Error;
const HEX = "0123456789abcdef";

/** The one private channel: the job arrives on it, the answers leave on it. */
const CHANNEL_FD = 3;
/** How much of a student's text one frame carries: core/limits.ts's MAX_TEXT_CHARS, MAX_NAME_CHARS and MAX_LISTED. */
const MAX_TEXT = 2000;
const MAX_NAME = 200;
const MAX_EXPORTS = 10;
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

type Bare = Record<string, unknown>;
type Entry = [string, unknown];

/** An object without a prototype holding `entries` (read by index: no iterator of student code runs). */
function record(entries: Entry[]): Bare {
  const out = create(null);
  for (let i = 0; i < entries.length; i++) out[entries[i][0]] = entries[i][1];
  return out;
}

/** A copy of `object`'s own properties in an object without a prototype (a missing key finds nothing). */
function bare<T>(object: T): T {
  const out = create(null);
  const keys = ownKeys(object as object);
  for (let i = 0; i < keys.length; i++) out[keys[i]] = (object as Bare)[keys[i]];
  return out as T;
}

/** An array without a prototype: still an array to JSON.stringify, with no toJSON or iterator to find. */
function bareArray(): unknown[] {
  const out: unknown[] = [];
  setPrototypeOf(out, null);
  return out;
}

/** `text` cut to `max` characters, saying so as core/limits.ts's `clip` does (the report then keeps it as it is). */
function clip(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${sliceString(text, 0, max)}… [truncated: ${text.length - max} more characters]`;
}

// Encoding a returned value: what reading it costs is counted, so a value the parent would refuse is
// refused here first, in words, before it is built.

interface Budget {
  /** About how many characters of JSON are still allowed. */
  left: number;
  /** How many more arrays and objects. */
  containers: number;
  maxDepth: number;
  /** Set when the value is too large or too deep to send. */
  problem?: string;
}

/**
 * A returned value as plain JSON in objects without a prototype: tensors become nested arrays, typed
 * arrays plain arrays, and what JSON cannot hold (NaN, ±Infinity, undefined) tagged objects that
 * protocol.ts's `decode` turns back. Reading the value may run student code (getters): that is theirs.
 */
function encode(value: unknown, budget: Budget, depth: number): unknown {
  if (budget.problem !== undefined) return null;
  if (depth > budget.maxDepth) return refuse(budget, `it is nested more than ${budget.maxDepth} levels deep`);
  budget.left -= typeof value === "string" ? value.length + 2 : 2;
  if (budget.left < 0) return refuse(budget, "it is larger than the grader reads for one answer");
  if (typeof value === "number") return isFiniteNumber(value) ? value : record([["$number", toText(value)]]);
  if (value === undefined) return record([["$undefined", true]]);
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value !== "object") return record([["$unsupported", typeof value]]);
  if (isTensor(value)) return encode(value.arraySync(), budget, depth + 1);
  if (--budget.containers < 0) return refuse(budget, "it holds more arrays and objects than the grader reads for one answer");
  if (isArray(value) || (isView(value) && !isDataView(value))) {
    const list = value as ArrayLike<unknown>;
    const out = bareArray();
    for (let i = 0; i < list.length && budget.problem === undefined; i++) out[i] = encode(list[i], budget, depth + 1);
    return out;
  }
  const out = create(null);
  const keys = ownKeys(value);
  for (let i = 0; i < keys.length && budget.problem === undefined; i++) {
    budget.left -= keys[i].length;
    out[keys[i]] = encode((value as Bare)[keys[i]], budget, depth + 1);
  }
  return out;
}

function refuse(budget: Budget, problem: string): null {
  budget.problem = problem;
  return null;
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
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes frames: `<nonce> <json>\n`, the JSON made ASCII so that characters and bytes agree. */
interface Channel {
  send(...entries: Entry[]): void;
  /** A frame carrying `value` for call `id`, or, when it cannot be sent whole, one that says why. */
  sendValue(id: string, value: unknown): void;
  sendError(id: string, error: unknown): void;
}

function openChannel(nonce: string, { maxFrameBytes, maxValueDepth, maxContainers }: Job): Channel {
  const line = (entries: Entry[]) => `${nonce} ${ascii(stringify(record(entries)))}\n`;
  const send = (...entries: Entry[]) => writeAll(line(entries));
  const unreadable = (id: string, problem: string) => send(["kind", "unreadable"], ["id", id], ["message", `the returned value cannot be graded: ${problem}`]);
  return {
    send,
    sendValue(id, value) {
      const budget = record([["left", maxFrameBytes], ["containers", maxContainers], ["maxDepth", maxValueDepth], ["problem", undefined]]) as unknown as Budget;
      let encoded: unknown;
      try {
        encoded = encode(value, budget, 0);
      } catch (error) {
        return this.sendError(id, error); // a getter of the student's threw while the value was read
      }
      if (budget.problem !== undefined) return unreadable(id, budget.problem);
      const text = line([["kind", "value"], ["id", id], ["value", encoded]]);
      if (text.length > maxFrameBytes) return unreadable(id, "it is larger than the grader reads for one answer");
      writeAll(text);
    },
    sendError(id, error) {
      const { name, message } = explain(error);
      send(["kind", "error"], ["id", id], ["name", name], ["message", message]);
    },
  };
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

/** What was thrown, as two short strings. Reading it may run the student's getters and toString: theirs. */
function explain(error: unknown): { name: string; message: string } {
  try {
    if (isNativeError(error)) return { name: clip(toText((error as Error).name), MAX_NAME), message: clip(toText((error as Error).message)) };
    return { name: "a non-Error value", message: clip(toText(error)) };
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
    const real = require(name) as Bare;
    for (const fn of functions) fix(real, fn, refused(`${name}.${fn}`));
  }
  const loaded = (name: string) => (process as unknown as { moduleLoadList: string[] }).moduleLoadList.includes(`NativeModule ${name}`);
  for (const name of [...NETWORK_MODULES, ...BUILT_ON_NETWORK.filter(loaded)]) offline(require(name) as Bare, name);
  if (loaded("tty")) for (const name of ["ReadStream", "WriteStream"]) fix(require("tty"), name, refused(`tty.${name}`)); // net.Socket's kin
  (Module as unknown as { syncBuiltinESMExports(): void }).syncBuiltinESMExports();
  // After the modules above: loading trace_events wraps process.chdir (Node's worker support).
  for (const name of PROCESS_REFUSED) fix(process, name, refused(`process.${name}`));
  for (const name of ["fetch", "WebSocket", "EventSource"]) delete (globalThis as Bare)[name];
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
function offline(real: Bare, name: string): void {
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
  const source = value as Bare;
  const copy = (isArray(value) ? [] : {}) as Bare;
  for (const key of ownKeys(source)) {
    if (!primitive(source[key])) return undefined;
    defineProperty(copy, key, { value: source[key], enumerable: true });
  }
  return { value: freeze(copy) };
}

interface ModuleInternals {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
  _resolveFilename(request: string, parent: { filename?: string } | undefined, isMain: boolean, options?: object): string;
  _extensions: Record<string, (module: unknown, filename: string) => void>;
  _cache: Record<string, { filename: string; children: { filename: string }[] }>;
}
const internals = Module as unknown as ModuleInternals;

/** Whether the absolute path `file` is `folder` or inside it (plain string work: nothing to rewrite). */
function inside(folder: string, file: string): boolean {
  if (typeof file !== "string" || !startsWith(file, folder)) return false;
  return file.length === folder.length || charCode(file, folder.length) === 0x2f || charCode(folder, folder.length - 1) === 0x2f;
}

/** "@scope/name" or "name": the package a bare import names. */
function packageName(request: string): string {
  const slash = indexOf(request, "/");
  if (!startsWith(request, "@") || slash < 0) return slash < 0 ? request : sliceString(request, 0, slash);
  const second = indexOf(request, "/", slash + 1);
  return second < 0 ? request : sliceString(request, 0, second);
}

/**
 * The absolute path `request` names from the module `from`, before any file is looked up: a relative
 * import that leaves the submission lands at the same place under the grader's mirror folder, a linked
 * package (rnn-course -> ..) at its real folder. Undefined for a package found by Node's own search.
 */
function requested(job: Job, request: string, from: unknown): string | undefined {
  if (startsWith(request, ".")) {
    if (typeof from !== "string") return undefined;
    const direct = resolvePath(dirname(from), request);
    if (!inside(job.folder, from) || inside(job.folder, direct)) return direct;
    return resolvePath(job.mirror, `.${sliceString(dirname(from), job.folder.length)}`, request);
  }
  if (isAbsolute(request)) return request;
  const name = packageName(request);
  return hasOwn(job.linkedPackages, name) ? `${job.linkedPackages[name]}${sliceString(request, name.length)}` : undefined;
}

/** Loads .ts from the parent's transpiled copies, and keeps imports inside what the sandbox may read. */
function installLoader(job: Job): void {
  const compiled = job.compiled;
  internals._extensions[".ts"] = (module, filename) => {
    if (!hasOwn(compiled, filename)) throw new ErrorConstructor(`cannot load ${filename}: only the submission's and the course's TypeScript is compiled`);
    compileModule(module, compiled[filename], filename);
  };
  const resolveFilename = uncurry(internals._resolveFilename);
  const packages = { paths: freeze([job.packagesRoot]) };
  internals._resolveFilename = function (request, parent, isMain, options) {
    if (typeof request !== "string" || isBuiltin(request)) return resolveFilename(this, request, parent, isMain, options);
    const path = requested(job, request, parent?.filename);
    if (path === undefined && !startsWith(request, ".")) return resolveFilename(this, request, parent, isMain, packages);
    return resolveFilename(this, path ?? request, parent, isMain, options);
  };
}

/**
 * The library rule, by resolution. The names the exercise allows are loaded now, before student code, into
 * a read-only view of the library; then every library module leaves the module cache. From then on a load
 * that resolves into the library (a bare or relative import, a re-export, a helper file, `createRequire`,
 * `import()`) gets that view if it names one of the library's entries, and an error otherwise; and any
 * library file that would be compiled (`new Module().load(file)` skips the resolution) is refused. The
 * sandbox shows this process only the library files the allowed names need (target.ts): this rule is what
 * gives a student a message instead of a missing file.
 */
function restrictLibrary(job: Job, rule: LibraryRule): void {
  const load = uncurry(internals._load);
  const resolveFilename = uncurry(internals._resolveFilename);
  for (let i = 0; i < rule.preload.length; i++) load(Module, rule.preload[i], null, false);
  const allowed = create(null);
  const allowedNames = ownKeys(rule.allowed);
  for (let i = 0; i < allowedNames.length; i++) {
    const name = allowedNames[i];
    allowed[name] = (load(Module, rule.allowed[name], null, false) as Bare)[name];
  }
  defineProperty(allowed, "__esModule", { value: true });
  freeze(allowed);
  const known = create(null);
  for (let i = 0; i < rule.names.length; i++) known[rule.names[i]] = true;
  const names = allowedNames.length ? allowedNames.join(", ") : "nothing";
  // A handler without a prototype: a trap student code adds to Object.prototype is not one of this view's.
  const handler = create(null) as ProxyHandler<Bare>;
  handler.get = (target, key) => {
    if (typeof key === "string" && known[key] === true && target[key] === undefined) {
      throw new ErrorConstructor(`${key} comes from the course library (rnn-course): this exercise is about writing that yourself (allowed from the library: ${names})`);
    }
    return target[key as string];
  };
  const view = new ProxyConstructor(allowed, handler);
  const entries = create(null);
  for (let i = 0; i < rule.entries.length; i++) entries[rule.entries[i]] = true;
  /** Where a file leads: into the library (its entry files apart), outside it, or nowhere this process can tell. */
  const where = (file: unknown): "entry" | "library" | "outside" | "unknown" => {
    let real: string;
    try {
      real = realpathSync(file as string);
    } catch {
      return "unknown";
    }
    if (entries[real] === true) return "entry";
    for (let i = 0; i < rule.roots.length; i++) if (inside(rule.roots[i], real)) return "library";
    return "outside";
  };
  const refuse = (what: unknown, place: string): never => {
    const file = clip(toText(what), MAX_NAME);
    if (place === "unknown") throw new ErrorConstructor(`cannot load ${file}: the grader cannot tell where it leads`);
    throw new ErrorConstructor(`${file} is part of the course library (rnn-course): this exercise may use only ${names} from it, imported from "rnn-course"`);
  };
  const cache = internals._cache;
  const library = (file: string) => where(file) === "library" || where(file) === "entry";
  for (const key of ownKeys(cache)) if (library(key)) delete cache[key];
  for (const key of ownKeys(cache)) cache[key].children = cache[key].children.filter((child) => !library(child.filename));
  const inRoots = (path: string) => {
    for (let i = 0; i < rule.roots.length; i++) if (inside(rule.roots[i], path)) return true;
    return false;
  };
  internals._load = function (request, parent, isMain) {
    if (typeof request !== "string" || !isBuiltin(request)) {
      let file: string;
      try {
        file = resolveFilename(Module, request, parent as { filename?: string }, isMain);
      } catch (error) {
        // A library file this exercise may not load is not there at all: say why, rather than "not found".
        const path = typeof request === "string" ? requested(job, request, (parent as { filename?: unknown } | null)?.filename) : undefined;
        if (path !== undefined && inRoots(path)) refuse(request, "library");
        throw error;
      }
      const place = where(file);
      if (place === "entry") return view;
      if (place !== "outside") refuse(request, place);
    }
    return load(this, request, parent, isMain);
  };
  // The last guard: whatever path led here (new Module().load(file) skips the resolution), no library file compiles.
  const extensions = internals._extensions;
  for (const extension of ownKeys(extensions)) {
    const compile = uncurry(extensions[extension]);
    extensions[extension] = function (module, filename) {
      const place = where(filename);
      if (place !== "outside") refuse(filename, place);
      return compile(this, module, filename);
    };
  }
}

/** Student code may rewrite the module system's functions for its own modules, never the ones installed here. */
function lockModuleSystem(): void {
  const loader = Module as unknown as Bare;
  for (const key of ["_load", "_resolveFilename", "_extensions", "_cache", "_findPath"]) fix(loader, key, loader[key]);
  freeze(internals._extensions);
  const prototype = Module.prototype as unknown as Bare;
  for (const key of ["require", "load", "_compile"]) fix(prototype, key, prototype[key]);
}

/** The job as the parent wrote it, its maps and calls in objects without a prototype. */
function readJob(): Job {
  const job = bare(parse(readFileSync(CHANNEL_FD, "utf8")) as Job);
  job.compiled = bare(job.compiled);
  job.linkedPackages = bare(job.linkedPackages);
  if (job.library) {
    job.library = bare(job.library);
    job.library.allowed = bare(job.library.allowed);
  }
  const calls: Call[] = [];
  for (let i = 0; i < job.calls.length; i++) calls[i] = bare(job.calls[i]);
  job.calls = calls;
  return job;
}

function main(): void {
  const job = readJob();
  const channel = openChannel(job.nonce, job);
  lockDown();
  installLoader(job);
  if (job.library) restrictLibrary(job, job.library);
  lockModuleSystem();
  channel.send(["kind", "ready"]); // the case's time limit starts now, with the student's code
  let exports: Bare;
  try {
    exports = require(job.entry);
  } catch (error) {
    const { name, message } = explain(error);
    return channel.send(["kind", "loadError"], ["message", `${name}: ${message}`]);
  }
  channel.send(["kind", "loaded"]);
  answerFrom(0, job.calls, exports, channel);
}

/**
 * Answers `calls` from index `i` on, in order. A call that returns a promise (or any thenable) is answered
 * when it settles, and the next one starts then: a callback, not `await`, so no `then` or `constructor`
 * of the student's sits between this runner and its next call.
 */
function answerFrom(i: number, calls: Call[], exports: Bare, channel: Channel): void {
  for (; i < calls.length; i++) {
    const call = calls[i];
    channel.send(["kind", "start"], ["id", call.id]);
    let value: unknown;
    try {
      const fn = exports[call.fn];
      if (call.read) {
        channel.sendValue(call.id, fn);
        continue;
      }
      if (typeof fn !== "function") {
        const { names, more } = exportedFunctions(exports);
        channel.send(["kind", "missing-export"], ["id", call.id], ["exports", names], ["more", more]);
        continue;
      }
      value = apply(fn, undefined, argumentsOf(call));
      if (!isThenable(value)) {
        channel.sendValue(call.id, value);
        continue;
      }
    } catch (error) {
      channel.sendError(call.id, error);
      continue;
    }
    const next = i + 1;
    return settle(value, (settled) => {
      channel.sendValue(call.id, settled);
      answerFrom(next, calls, exports, channel);
    }, (error) => {
      channel.sendError(call.id, error);
      answerFrom(next, calls, exports, channel);
    });
  }
}

/** The call's arguments in an array without a prototype: a setter on Array.prototype["0"] sees none of them. */
function argumentsOf(call: Call): unknown[] {
  const args = bareArray();
  if (call.rngSeed !== undefined) args[0] = generator(call.rngSeed);
  for (let i = 0; i < call.args.length; i++) args[args.length] = call.args[i];
  return args;
}

function isThenable(value: unknown): boolean {
  return ((value !== null && typeof value === "object") || typeof value === "function") && typeof (value as { then?: unknown }).then === "function";
}

/**
 * Calls `ok` or `fail` once, when `thenable` settles, holding the process open until then so that one that
 * never settles runs into the parent's time limit. A native promise is followed with the original `then`.
 */
function settle(thenable: unknown, ok: (value: unknown) => void, fail: (error: unknown) => void): void {
  const keepAlive = setInterval(() => {}, 2 ** 30);
  let done = false;
  const once = (report: (v: unknown) => void) => (v: unknown) => {
    if (done) return;
    done = true;
    clearInterval(keepAlive);
    report(v);
  };
  try {
    if (isPromise(thenable)) promiseThen(thenable, once(ok), once(fail));
    else apply((thenable as { then: (...a: unknown[]) => unknown }).then, thenable, [once(ok), once(fail)]);
  } catch (error) {
    once(fail)(error);
  }
}

/** The names of the functions a module exports (the first MAX_EXPORTS), and how many more there are. */
function exportedFunctions(exports: Bare): { names: unknown[]; more: number } {
  const names = bareArray();
  const keys = ownKeys(exports);
  let more = 0;
  for (let i = 0; i < keys.length; i++) {
    if (typeof exports[keys[i]] !== "function") continue;
    if (names.length < MAX_EXPORTS) names[names.length] = clip(keys[i], MAX_NAME);
    else more++;
  }
  return { names, more };
}

// Started as the sandbox's script (`node -e`): Node names that module "[eval]".
if (module.id === "[eval]") main();
