"use strict";
/**
 * The compile service: a worker thread of the runner that does the TypeScript work of every tslab kernel the
 * runner starts. Each kernel's converters are tslab's own (`createConverter` from the project's tslab, same
 * compiler, same options); only the process differs. One warm compiler instead of a cold one per kernel:
 * V8 has optimised the compiler after the first notebook, and no kernel pays for compiling it at start-up.
 *
 * Messages from the runner: `{ kernel, line }` (a request line from that kernel, see compile-client.cjs) and
 * `{ kernel, closed: true }` (the kernel is gone: drop its converters). Replies: `{ kernel, line }`.
 * Plain JavaScript: a worker thread does not go through the TypeScript loader the runner may run under.
 */
const { statSync } = require("node:fs");
const { dirname, join } = require("node:path");
const { parentPort, workerData } = require("node:worker_threads");

const tslab = workerData.tslab;
const typescriptPath = require.resolve("@tslab/typescript-for-tslab", { paths: [tslab] });
const ts = require(typescriptPath);
// tslab's converter (required next) sees TypeScript through withSharedDeclarations.
require.cache[typescriptPath].exports = withSharedDeclarations(ts);
const { createConverter } = require(join(tslab, "dist", "converter.js"));

/**
 * TypeScript as tslab's converter uses it, except that every converter's program takes the declaration files
 * under node_modules (TypeScript's own lib files, @types, tfjs: some 900 files for a notebook that imports
 * tfjs) from one shared store: parsed and bound once for all kernels, not once per kernel, which was about a
 * third of what compiling a notebook cost. A file is parsed again when its size or modification time changed.
 * TypeScript's language service shares source files between programs the same way.
 */
function withSharedDeclarations(ts) {
  const store = new Map(); // file name and parse settings -> { sourceFile, mtimeMs, size }
  const sharing = new WeakSet();
  const shared = (fileName, settings, fresh, parse) => {
    if (fresh || !/[\\/]node_modules[\\/].*\.d\.[mc]?ts$/.test(fileName)) return parse();
    const key = `${fileName}\0${typeof settings === "object" ? `${settings.languageVersion},${settings.impliedNodeFormat}` : settings}`;
    const stat = statSync(fileName, { throwIfNoEntry: false });
    const known = store.get(key);
    if (known && stat && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.sourceFile;
    const sourceFile = parse();
    if (sourceFile && stat) store.set(key, { sourceFile, mtimeMs: stat.mtimeMs, size: stat.size });
    return sourceFile;
  };
  /** The watch program's compiler host, its two ways to get a source file going through the store first. */
  const share = (host) => {
    if (sharing.has(host)) return host;
    sharing.add(host);
    const { getSourceFile, getSourceFileByPath } = host;
    host.getSourceFile = (fileName, settings, onError, fresh) =>
      shared(fileName, settings, fresh, () => getSourceFile.call(host, fileName, settings, onError, fresh));
    if (getSourceFileByPath) {
      host.getSourceFileByPath = (fileName, path, settings, onError, fresh) =>
        shared(fileName, settings, fresh, () => getSourceFileByPath.call(host, fileName, path, settings, onError, fresh));
    }
    return host;
  };
  const wrapped = {};
  for (const key of Object.keys(ts)) if (key !== "createWatchProgram") Object.defineProperty(wrapped, key, { enumerable: true, get: () => ts[key] });
  wrapped.createWatchProgram = (host) => {
    host.createProgram = (rootNames, options, compilerHost, old, configFileParsingDiagnostics, projectReferences) => {
      if (!rootNames) return old; // only a watch with a tsconfig.json asks this, and tslab has none
      const oldProgram = old?.getProgram();
      return lightBuilder(ts.createProgram({ rootNames, options, host: share(compilerHost), oldProgram, configFileParsingDiagnostics, projectReferences }));
    };
    return ts.createWatchProgram(host);
  };
  return wrapped;
}

/**
 * What tslab's converter and TypeScript's watch program use of a builder program: the program, a file, an
 * emit, and the files a cell depends on. TypeScript's own builder also rebuilt, after every cell, a map of
 * what each of the program's 900-odd files references (asking the type checker about every import of
 * every declaration file), to know which files a change affects; tslab never asks that.
 */
function lightBuilder(program) {
  // Bound now, as TypeScript's builder does: tslab then makes the previous cells' declarations the cell's
  // parent node, which binding the cell later would undo.
  program.getTypeChecker();
  return {
    getProgram: () => program,
    getProgramOrUndefined: () => program,
    getSourceFile: (fileName) => program.getSourceFile(fileName),
    emit: (file, writeFile, cancellationToken, emitOnlyDts, transformers) => program.emit(file, writeFile, cancellationToken, emitOnlyDts, transformers),
    getAllDependencies: (file) => dependencies(program, file),
  };
}

/**
 * The file and those it imports or references, and theirs. tslab keeps the .ts and .js ones (a notebook's
 * own modules, compiled with the cell); a package's files lead only to other packages, so the walk stops there.
 */
function dependencies(program, file) {
  const checker = program.getTypeChecker();
  const found = new Set([file.fileName]);
  const queue = [file];
  const add = (next) => next && !found.has(next.fileName) && (found.add(next.fileName), queue.push(next));
  while (queue.length) {
    const current = queue.pop();
    if (/[\\/]node_modules[\\/]/.test(current.fileName)) continue;
    for (const name of current.imports ?? []) {
      for (const declaration of checker.getSymbolAtLocation(name)?.declarations ?? []) add(declaration.getSourceFile());
    }
    for (const { fileName } of current.referencedFiles) add(program.getSourceFile(join(dirname(current.fileName), fileName)));
  }
  return [...found];
}

// TypeScript's watchers fire on any change to a watched file's inode, also when another process only makes a
// hard link to it (a test mirroring node_modules does). For a package.json, TypeScript then schedules a second
// timer beside the one tslab's converter allows, and the kernel's next cell fails with "Unexpected pending
// rebuildTimer" (a kernel alone has the same flaw). The service passes an event on only when the file's
// contents may have changed: it was modified, created or removed since the watch began or since the last event.
const { watchFile, watchDirectory } = ts.sys;
ts.sys.watchFile = (path, callback, ...options) => {
  let last = modified(path);
  return watchFile.call(ts.sys, path, (file, ...details) => {
    const now = modified(file);
    if (now === last) return;
    last = now;
    callback(file, ...details);
  }, ...options);
};
ts.sys.watchDirectory = (path, callback, ...options) => {
  const began = Date.now();
  const reported = new Map(); // entry -> modification time when last passed on (undefined: it was gone)
  return watchDirectory.call(ts.sys, path, (entry) => {
    const now = modified(entry);
    const changed = now === undefined || now >= began;
    if (!changed || (reported.has(entry) && reported.get(entry) === now)) return;
    reported.set(entry, now);
    callback(entry);
  }, ...options);
};

/** `${kernel}/${converter}` -> { cwd, converter } or { cwd, error } */
const sessions = new Map();
const METHODS = new Set(["convert", "inspect", "complete", "addModule"]);
/** Uncaught errors not yet handed to a kernel (see below). */
let uncaught = "";

// TypeScript's file watchers call back when a file in a watched folder changes, and tslab's converter may
// throw from there ("Unexpected pending rebuildTimer"). A kernel prints such errors to its process's stderr
// (not to a cell) and carries on (tslab's uncaughtException handler); so does the service, through the next
// kernel it answers.
process.on("uncaughtException", (error) => (uncaught += `UncaughtException: ${error?.stack ?? error}\n`));

parentPort.on("message", ({ kernel, line, closed }) => {
  if (closed) return closeKernel(kernel);
  const request = JSON.parse(line);
  const key = `${kernel}/${request.converter}`;
  if (request.op === "open") sessions.set(key, open(request.cwd, request.options));
  else if (request.op === "close") close(key);
  else if (request.op === "call") parentPort.postMessage({ kernel, line: serialize(call(sessions.get(key), request.method, request.args)) });
});

/** The answer line; a kernel waits for one after every call, so an answer that cannot be sent becomes an error. */
function serialize(answer) {
  try {
    return JSON.stringify(answer);
  } catch (error) {
    return JSON.stringify({ error: { message: `nbmake-ts: tslab's answer could not be sent to the kernel (${error.message})` }, printed: [], uncaught: "" });
  }
}

function open(cwd, options) {
  try {
    return { cwd, converter: inDirectory(cwd, () => createConverter(options)) };
  } catch (error) {
    return { cwd, error };
  }
}

/** One call on a kernel's converter; what tslab printed meanwhile goes back with the answer. */
function call(session, method, args) {
  const printed = [];
  const console = globalThis.console;
  const capture = (stream) => (...parts) => printed.push([stream, `${parts.map(String).join(" ")}\n`]);
  globalThis.console = { ...console, log: capture("stdout"), info: capture("stdout"), warn: capture("stderr"), error: capture("stderr") };
  try {
    if (!session) throw new Error("no such converter (the kernel never opened it)");
    if (session.error) throw session.error;
    if (!METHODS.has(method)) throw new Error(`unknown converter method ${method}`);
    const value = inDirectory(session.cwd, () => session.converter[method](...args));
    return { value, printed, uncaught: takeUncaught() };
  } catch (error) {
    return { error: { message: error?.message ?? String(error), stack: error?.stack }, printed, uncaught: takeUncaught() };
  } finally {
    globalThis.console = console;
  }
}

function takeUncaught() {
  const text = uncaught;
  uncaught = "";
  return text;
}

/**
 * tslab's converter takes its folder from ts.sys.getCurrentDirectory(), which TypeScript memoises per process
 * (and a worker thread cannot chdir): point it at the kernel's folder around every call.
 */
function inDirectory(cwd, work) {
  ts.sys.getCurrentDirectory = () => cwd;
  return work();
}

function close(key) {
  const session = sessions.get(key);
  sessions.delete(key);
  session?.converter?.close();
}

function closeKernel(kernel) {
  for (const key of [...sessions.keys()]) if (key.startsWith(`${kernel}/`)) close(key);
}

/** A file's modification time in ms, or undefined when it does not exist. */
function modified(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}
