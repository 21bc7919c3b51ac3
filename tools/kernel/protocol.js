// What tslab 1.0.22 does differently from the Jupyter messaging protocol, set right by replacing two of its
// methods before the kernel starts (tslab is no longer maintained; these are its internals, so the versions
// are pinned and checked: see check()):
//
// - Queued cells. tslab ignored `stop_on_error` and, after ANY failed cell, answered every request arriving
//   in the next 200 ms with the made-up status "abort". Front ends send every cell of Run All at once, those
//   tagged raises-exception with stop_on_error false, so an expected error (an exercise's stub) dropped the
//   cells after it, the check cell included. Now cells run in the order they came; an error in a cell sent
//   with stop_on_error (the default) aborts the requests queued behind it, as ipykernel does: each is
//   answered status "aborted" without running, and the next request sent after that runs again.
// - Comm messages (front ends open comms on connecting, e.g. the widgets manager): tslab printed
//   "unknown msg_type: comm_open" for each. As ipykernel does without a comm target: a comm_open is closed at
//   once (comm_close on iopub), comm_msg and comm_close are ignored, comm_info_request is answered with no
//   comms (tslab answered it with a reply of the wrong type, complete_reply).
// - Shutdown: tslab closed its sockets and ran on while a cell was still running (a training loop), whose
//   next output then threw "Socket is closed" (EBADF) into the terminal. Now the kernel exits after replying.
// - Interrupt: interrupt_request (interrupt_mode "message", for Windows, which has no SIGINT) interrupts as
//   SIGINT does; and each cell gets an AbortSignal, aborted on interrupt, that long loops of the course
//   library read between steps (src/training/interrupt.ts): tslab's interrupt only stops waiting for the
//   cell, while the loop went on in the background. The interrupted cell prints one line saying so, where
//   tslab printed its own error with a stack trace of tslab's code.
"use strict";

const { Message } = require("./wire");

const TSLAB_VERSION = "1.0.22";
/** Where the course library finds the running cell's AbortSignal (a function returning it). */
const CELL_SIGNAL = Symbol.for("rnn-course.kernel.cellSignal");
/** After an error, at most this many event-loop turns to read the requests still in the shell socket. */
const DRAIN_ROUNDS = 50;
/** The terminal Jupyter runs in: tslab sends process.stderr to the last cell that ran. */
const terminal = process.stderr.write.bind(process.stderr);

/** Aborted when the running cell is interrupted (one kernel per process, one cell at a time). */
let cell = new AbortController();
/** What an interrupted cell prints. */
const INTERRUPTED = "Interrupted: the cell was stopped (the stop button, or Kernel → Interrupt).";

/** Replaces tslab's methods; call before tslab starts its server. */
function fixProtocol(tslab) {
  check(tslab);
  const { ZmqServer, JupyterHandlerImpl } = tslab.jupyter;
  ZmqServer.prototype.handleShellMessage = handleMessage;
  JupyterHandlerImpl.prototype.handleExecute = runCell;
  globalThis[CELL_SIGNAL] = () => cell.signal;
  // tslab prints the error that ended a cell with the console.error it finds when it starts.
  const printError = console.error;
  console.error = (...args) => (args.length === 1 && isInterrupt(args[0]) ? printError(INTERRUPTED) : printError(...args));
  // tslab's own SIGINT listener (main.js) makes the running cell fail; this one tells its loops to stop.
  process.on("SIGINT", () => cell.abort());
}

/** Fails at start-up, saying what to do, when tslab is not the version whose internals this file replaces. */
function check(tslab) {
  const { ZmqServer, JupyterHandlerImpl } = tslab.jupyter;
  const server = ["handleShellMessage", "publishStatus", "handleKernelInfo", "handleExecute", "handleIsComplete", "handleInspect", "handleComplete", "close"];
  const handler = ["handleExecute", "handleExecuteImpl"];
  const missing = [
    ...server.filter((name) => typeof ZmqServer?.prototype[name] !== "function").map((name) => `ZmqServer.${name}`),
    ...handler.filter((name) => typeof JupyterHandlerImpl?.prototype[name] !== "function").map((name) => `JupyterHandlerImpl.${name}`),
  ];
  if (tslab.version !== TSLAB_VERSION || missing.length) {
    throw new Error(
      `the course's kernel fixes the protocol of tslab ${TSLAB_VERSION} by replacing some of its internals, and found ` +
        `tslab ${tslab.version}${missing.length ? ` without ${missing.join(", ")}` : ""}. Install tslab ${TSLAB_VERSION} ` +
        `(npm ci), or check tools/kernel/protocol.js against the new version and update TSLAB_VERSION.`,
    );
  }
}

/** ZmqServer.handleShellMessage, for shell and control alike: cells one after the other, everything else at once. */
async function handleMessage(socket, ...frames) {
  const message = Message.fromRaw(this.connInfo.key, frames);
  if (message.type === "execute_request") return void (this.cells = (this.cells ?? Promise.resolve()).then(() => execute(this, socket, message)));
  this.publishStatus("busy", message);
  try {
    await answer(this, socket, message);
  } finally {
    this.publishStatus("idle", message);
  }
}

async function answer(server, socket, message) {
  const key = server.connInfo.key;
  const reply = (type, content) => message.createReply(type, content).signAndSend(key, socket);
  switch (message.type) {
    case "kernel_info_request":
      return server.handleKernelInfo(socket, message);
    case "is_complete_request":
      return server.handleIsComplete(socket, message);
    case "inspect_request":
      return server.handleInspect(socket, message);
    case "complete_request":
      return server.handleComplete(socket, message);
    case "history_request":
      return reply("history_reply", { status: "ok", history: [] });
    case "comm_info_request":
      return reply("comm_info_reply", { status: "ok", comms: {} });
    case "comm_open":
      return message.createReply("comm_close", { comm_id: message.content.comm_id, data: {} }).signAndSend(key, server.iopub);
    case "comm_msg":
    case "comm_close":
      return; // no comm is ever open here
    case "interrupt_request":
      cell.abort();
      server.handler.executor.interrupt();
      return reply("interrupt_reply", { status: "ok" });
    case "shutdown_request":
      await reply("shutdown_reply", { status: "ok", restart: Boolean(message.content.restart) });
      // Whatever a cell left running stops with the process, instead of writing into closed sockets.
      server.publishStatus("idle", message);
      try {
        server.close();
      } finally {
        process.exit(0);
      }
      return;
    default:
      terminal(`the course's kernel ignored a ${message.type} message (not supported)\n`);
  }
}

/**
 * One execute_request, its turn come: busy, run or abort, reply, idle. (`aborting` and `cells`, the queue, live
 * on tslab's server object; `lastStatus` on its handler, set by runCell.)
 */
async function execute(server, socket, message) {
  server.publishStatus("busy", message);
  try {
    if (server.aborting) return await message.createReply("execute_reply", { status: "aborted" }).signAndSend(server.connInfo.key, socket);
    const { silent = false, stop_on_error: stopOnError = true } = message.content;
    await server.handleExecute(socket, message); // tslab's: runs the cell (runCell below), sends outputs and the reply
    if (server.handler.lastStatus === "error" && stopOnError && !silent) await abortQueued(server);
  } catch (error) {
    terminal(`the course's kernel failed to run a cell: ${error?.stack ?? error}\n`);
  } finally {
    server.publishStatus("idle", message);
  }
}

/**
 * Aborts the execute requests queued now, as ipykernel does: those already handed to us and those still in
 * the shell socket (sent before the error, read while the cell ran); then requests run again.
 */
async function abortQueued(server) {
  server.aborting = true;
  for (let round = 0; round < DRAIN_ROUNDS && (round < 2 || server.shell.readable); round++) await new Promise(setImmediate);
  server.cells = server.cells.then(() => (server.aborting = false));
}

/** JupyterHandlerImpl.handleExecute without tslab's queue (the server queues) and its 200 ms abort window. */
async function runCell(request, writeStream, writeDisplayData) {
  cell = new AbortController();
  try {
    const count = await this.handleExecuteImpl(request, writeStream, writeDisplayData);
    this.lastStatus = "ok";
    return { status: "ok", execution_count: count.count };
  } catch (failure) {
    this.lastStatus = "error";
    // tslab throws the cell's execution count when the cell failed (it printed the error already).
    if (typeof failure?.count === "number") return { status: "error", execution_count: failure.count };
    console.error("unexpected error:", failure);
    return { status: "error" };
  }
}

/** The errors tslab ends an interrupted cell with: its own (a cell awaiting), or vm's (a synchronous loop). */
function isInterrupt(error) {
  return error instanceof Error && /^(Interrupted asynchronously|Script execution was interrupted by `SIGINT`)$/.test(error.message);
}

module.exports = { fixProtocol, check, CELL_SIGNAL, INTERRUPTED };
