// The backend a fresh kernel's tensors run on before any cell chooses one: WebAssembly, the course's
// default (README, "Device"). Left to itself, tfjs in Node starts its plain-JavaScript `cpu` backend at the
// first tensor and prints a banner recommending tfjs-node; a student's first cell should neither run there
// nor print that. tfjs can only start the wasm backend asynchronously, so the kernel does it before it
// answers Jupyter, and a cell that makes a tensor at once finds it ready.
//
// This chooses nothing for good: `await useDevice()` (src/device.ts) still picks the device, and may switch
// to TensorFlow or WebGPU. With COURSE_BACKEND set to another backend the kernel leaves tfjs alone, so
// that useDevice starts the one asked for.
"use strict";

/** Makes wasm tfjs's backend, resolving to its name, or to null (and why) when it is not started. */
async function startDefaultBackend(env = process.env) {
  const forced = env.COURSE_BACKEND;
  if (forced && forced !== "wasm") return { backend: null, why: `COURSE_BACKEND=${forced}` };
  try {
    const tf = require("@tensorflow/tfjs");
    require("@tensorflow/tfjs-backend-wasm");
    if (!(await tf.setBackend("wasm")))
      return { backend: null, why: "the wasm backend failed to start" };
    return { backend: tf.getBackend(), why: "" };
  } catch (error) {
    return { backend: null, why: String(error?.message ?? error).split("\n")[0] };
  }
}

module.exports = { startDefaultBackend };
