/**
 * The fast path: a package of its own, `rnn-course-fast` (folder fast/), with the WebAssembly SIMD
 * kernel (AssemblyScript, two threads for big layers) and the fused WebGPU kernel that recurrent
 * layers run by default, and what tfjs's webgpu backend needs to work in Node. The teaching library
 * reads without it: it knows the package only through the interface below and the kernel contract,
 * which both import from a third package (rnn-course-contract, folder contract/) with the error
 * type both throw; the fast path imports nothing of the library. `setRecurrentKernel("readable")`
 * runs nn/bptt.ts's kernel instead.
 */
import type * as tf from "@tensorflow/tfjs";
import type { LayerKernel, RecurrentKernel } from "rnn-course-contract";

/** What the fast path provides to the library. */
export interface FastPath {
  /**
   * The WebAssembly kernel, over arrays in host memory: the default on the cpu and wasm backends.
   */
  fastKernel: RecurrentKernel;
  /** The fused WebGPU kernel, on the webgpu backend's own buffers: the default there. */
  webgpuKernel: LayerKernel;
  /**
   * Call before Dawn (the `webgpu` package) starts, so that a synchronous read can wait for the
   * GPU.
   */
  captureDawnTicks(): void;
  /** Makes `tensor.dataSync()` work on a webgpu backend in Node (tfjs's own needs a canvas). */
  enableReadSync(backend: tf.KernelBackend): void;
  /**
   * The values of several tensors with one wait for the device on webgpu; `dataSync()` of each
   * elsewhere.
   */
  readAll(tensors: tf.Tensor[]): tf.backend_util.BackendValues[];
}

// Loaded by name, as any package: its compiled code (fast/dist, built by `npm run build`) imports
// the contract from rnn-course-contract, as this library does, so the two packages meet only at the
// interface.
export const fastPath: FastPath = require("rnn-course-fast");
