"use strict";
/**
 * Preloaded (`node --require`) into a tslab kernel that nbmake-ts starts with a shared compiler: tslab's
 * converters become proxies to the runner's compile service (compile-service.cjs), reached through file
 * descriptor 3, a pipe the runner opened when it spawned the kernel. Everything else stays tslab's own: the
 * kernel runs the compiled code, prints diagnostics, answers Jupyter.
 *
 * tslab calls its converter synchronously, so a call writes one JSON line to fd 3 and blocks reading the
 * answer line (the kernel's end of the pipe is a blocking socket). Requests:
 *   { op: "open", converter, cwd, options }   no answer: the service builds the converter while tslab boots
 *   { op: "call", converter, method, args }   answer { value } or { error }, plus what tslab printed
 *                                             meanwhile and errors the service caught outside any call
 *   { op: "close", converter }                no answer
 */
const { readSync, realpathSync, writeSync } = require("node:fs");
const { dirname } = require("node:path");

// Node preloads this again in every worker thread the kernel starts (a cell's `new Worker`), where argv[1] is
// not the kernel script and fd 3 is not the worker's to use: only the kernel's own thread compiles cells.
if (!require("node:worker_threads").isMainThread) return;

const PIPE = 3;
const STOPPED = "nbmake-ts: the compile service stopped (the runner is shutting down or its compiler failed)";
// argv[1] is the kernel script this node runs: patch the converter module of the tslab that script loads.
const converterModule = require(require.resolve("tslab/dist/converter.js", { paths: [dirname(realpathSync(process.argv[1]))] }));
let converters = 0;
// tslab sends process.stdout/stderr to the running cell; errors caught outside a call go to the real stderr.
const processStderr = process.stderr.write.bind(process.stderr);

converterModule.createConverter = (options = {}) => {
  const converter = converters++;
  const plainOptions = Object.fromEntries(Object.entries(options).filter(([, value]) => typeof value !== "function"));
  send({ op: "open", converter, cwd: process.cwd(), options: plainOptions });
  const call = (method) => (...args) => request({ op: "call", converter, method, args });
  return {
    convert: call("convert"),
    inspect: call("inspect"),
    complete: call("complete"),
    addModule: call("addModule"),
    close: () => send({ op: "close", converter }),
  };
};

function send(message) {
  const line = Buffer.from(`${JSON.stringify(message)}\n`);
  try {
    for (let at = 0; at < line.length; ) at += writeSync(PIPE, line, at);
  } catch (error) {
    throw error.code === "EPIPE" || error.code === "ECONNRESET" ? new Error(STOPPED) : error;
  }
}

function request(message) {
  send(message);
  const answer = JSON.parse(readLine());
  if (answer.uncaught) processStderr(answer.uncaught);
  for (const [stream, text] of answer.printed) process[stream].write(text);
  if (answer.error) throw Object.assign(new Error(answer.error.message), { stack: answer.error.stack });
  return answer.value;
}

/** Blocks until a whole line has arrived (a JSON line holds no raw newline, so one ends the answer). */
function readLine() {
  const chunks = [];
  const chunk = Buffer.alloc(1 << 16);
  for (;;) {
    const size = readBlocking(chunk);
    if (size === 0) throw new Error(STOPPED);
    chunks.push(Buffer.from(chunk.subarray(0, size)));
    if (chunk[size - 1] === 0x0a) return Buffer.concat(chunks).toString("utf8").trimEnd();
  }
}

/** The pipe is blocking as spawned; should a platform hand it over non-blocking, wait a millisecond and retry. */
function readBlocking(chunk) {
  for (;;) {
    try {
      return readSync(PIPE, chunk, 0, chunk.length, null);
    } catch (error) {
      if (error.code === "ECONNRESET") throw new Error(STOPPED);
      if (error.code !== "EAGAIN") throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}
