// The backend a fresh kernel's tensors run on before any cell chooses one: WebAssembly, the course's
// default (README, "Device"). Left to itself, tfjs in Node starts its plain-JavaScript `cpu` backend at the
// first tensor and prints a banner recommending tfjs-node; a student's first cell should neither run there
// nor print that. tfjs can only start the wasm backend asynchronously, so the kernel does it before it
// answers Jupyter, and a cell that makes a tensor at once finds it ready.
//
// This chooses nothing for good: `await useDevice()` (src/device.ts) still picks the device, and may switch
// to TensorFlow or WebGPU. With COURSE_BACKEND set to another backend the kernel leaves tfjs alone, so
// that useDevice starts the one asked for.
//
// The wasm backend's Emscripten glue adds process listeners that rethrow every uncaught exception and
// unhandled rejection, which ends the process; in a kernel, tslab's own listeners print the error and the
// kernel carries on (a cell that forgot an await must not kill it). So the glue's listeners are removed.
"use strict";

const PROCESS_EVENTS = ["uncaughtException", "unhandledRejection"];

/** Makes wasm tfjs's backend, resolving to its name, or to null (and why) when it is not started. */
async function startDefaultBackend(env = process.env) {
  const forced = env.COURSE_BACKEND;
  if (forced && forced !== "wasm") return { backend: null, why: `COURSE_BACKEND=${forced}` };
  const before = new Map(PROCESS_EVENTS.map((event) => [event, process.listeners(event)]));
  try {
    const tf = require("@tensorflow/tfjs");
    require("@tensorflow/tfjs-backend-wasm");
    if (!(await tf.setBackend("wasm")))
      return { backend: null, why: "the wasm backend failed to start" };
    return { backend: tf.getBackend(), why: "" };
  } catch (error) {
    return { backend: null, why: String(error?.message ?? error).split("\n")[0] };
  } finally {
    for (const [event, listeners] of before) {
      for (const added of process.listeners(event).filter((l) => !listeners.includes(l))) {
        process.removeListener(event, added);
      }
    }
  }
}

module.exports = { startDefaultBackend };
