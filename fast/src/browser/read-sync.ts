/**
 * The browser twin of ../webgpu/read-sync.ts (the build for the browser uses this file wherever the fast path
 * imports that one). In a page, tfjs's webgpu backend reads a tensor synchronously on its own (through an
 * OffscreenCanvas), and there is no Dawn event loop to drive: nothing to capture or replace. `readAll` reads
 * each tensor, as the Node version does on every backend but its own webgpu one.
 */
import type * as tf from "@tensorflow/tfjs";

export function captureDawnTicks(): void {}

export function enableReadSync(_backend: tf.KernelBackend): void {}

export function readAll(tensors: tf.Tensor[]): tf.backend_util.BackendValues[] {
  return tensors.map((t) => t.dataSync());
}
