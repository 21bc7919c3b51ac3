/**
 * `tensor.dataSync()` on tfjs's webgpu backend in Node.
 *
 * In a browser, tfjs reads a GPU buffer synchronously by drawing it onto an OffscreenCanvas; Node has no
 * canvas, so every dataSync() (the course's optimisers, printing a tensor, a notebook's numbers) throws
 * "OffscreenCanvas is not defined". WebGPU itself only reads asynchronously: `buffer.mapAsync()` resolves
 * once the device has finished, and Dawn's Node binding (the `webgpu` package) learns that by calling
 * `wgpuInstanceProcessEvents` from a callback it queues with the global `setImmediate` while work is
 * pending. A synchronous read therefore copies the buffer to a mappable one, starts mapAsync, and runs
 * those queued callbacks itself until the buffer is mapped — a blocking round trip to the device, the
 * same price CUDA code pays for `.item()`.
 *
 * To be able to run them, `captureDawnTicks()` (called before Dawn is created) wraps `setImmediate` and
 * keeps the callbacks Dawn queues (native functions) in a set; each still runs once, from whichever comes
 * first, the event loop or a read. Other callers' callbacks are passed through untouched.
 *
 * What a read cannot do is free memory: Dawn releases the GPU objects tfjs drops (a bind group per dispatch,
 * command buffers) from Node's finalizers, which run only when the event loop does. A long synchronous loop
 * therefore grows until it returns (lavapipe crashes after a few hundred training steps); after many reads
 * without an event-loop turn, one warning says so and what to do.
 */
import type { WebGPUBackend } from "@tensorflow/tfjs-backend-webgpu";
import * as tf from "@tensorflow/tfjs";

/** Dawn's queued event-processing callbacks, not yet run. */
const dawnTicks = new Set<() => void>();
let captured = false;
let realSetImmediate: typeof setImmediate = setImmediate;

function isDawnTick(callback: unknown): callback is (...args: unknown[]) => void {
  // Dawn's callbacks are unnamed native functions; bound functions are native too, but named "bound …".
  return typeof callback === "function" && callback.name === "" && Function.prototype.toString.call(callback).includes("[native code]");
}

/** Wraps the global setImmediate so that the callbacks Dawn queues can also be run from a synchronous read. */
export function captureDawnTicks(): void {
  if (captured) return;
  captured = true;
  const original = (realSetImmediate = globalThis.setImmediate);
  const wrapped = (callback: unknown, ...args: unknown[]) => {
    if (!isDawnTick(callback)) return original(callback as (...a: unknown[]) => void, ...args);
    let ran = false;
    const tick = () => {
      if (ran) return;
      ran = true;
      dawnTicks.delete(tick);
      callback(...args);
    };
    dawnTicks.add(tick);
    return original(tick);
  };
  globalThis.setImmediate = Object.assign(wrapped, original) as typeof setImmediate;
}

/** A 4-byte cell to sleep on between polls (Atomics.wait with a timeout is a plain sleep on Node's main thread). */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Runs Dawn's event processing until `buffer` is no longer waiting to be mapped. */
function waitForMap(buffer: GPUBuffer): void {
  for (let polls = 0; buffer.mapState === "pending"; polls++) {
    const ticks = [...dawnTicks];
    if (ticks.length === 0) {
      throw new Error("dataSync on webgpu: Dawn queued no event processing to wait on (was the webgpu package loaded before captureDawnTicks?)");
    }
    for (const tick of ticks) tick();
    // A real GPU answers within ~0.1 ms; a software one (lavapipe) may take long: then stop spinning a core it needs.
    if (polls > 200) Atomics.wait(sleeper, 0, 0, 0.2);
  }
}

/** Internals of tfjs-backend-webgpu 4.22 this file relies on (not in its typings). */
interface BackendInternals {
  tensorMap: { get(dataId: object): { values: unknown; dtype: tf.DataType; resource: unknown } };
  bufferManager: { acquireBuffer(size: number, usage: number): GPUBuffer; releaseBuffer(buffer: GPUBuffer): void };
  commandEncoder: GPUCommandEncoder;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  convertAndCacheOnCPU(dataId: object, values: tf.backend_util.BackendValues): tf.backend_util.BackendValues;
}

/** Synchronous reads since the event loop last ran, and whether the warning about them was given. */
export const WARN_AFTER_READS = 500;
let readsWithoutTurn = 0;
let turnAwaited = false;
let warned = false;

function countRead(): void {
  if (!turnAwaited) {
    turnAwaited = true;
    realSetImmediate(() => {
      turnAwaited = false;
      readsWithoutTurn = 0;
    });
  }
  if (++readsWithoutTurn === WARN_AFTER_READS && !warned) {
    warned = true;
    console.warn(`webgpu: ${WARN_AFTER_READS} reads from the GPU without Node's event loop running. Dawn frees the GPU objects ` +
      "tfjs is done with only when it runs, so memory grows until this loop returns; in a long training loop, " +
      "`await new Promise(setImmediate)` now and then (fit does after every epoch).");
  }
}

/** Backends whose synchronous reads go through here. */
const enabled = new WeakSet<object>();

/**
 * Replaces `backend.readSync` (the canvas-based one) with the blocking read above. Values are cached on
 * the CPU afterwards, exactly as tfjs's own reads do.
 */
export function enableReadSync(backend: WebGPUBackend): void {
  const original = backend.readSync.bind(backend);
  backend.readSync = (dataId: object) => readOnGpu(backend, [dataId], original)[0];
  enabled.add(backend);
}

/**
 * The values of several tensors with ONE wait for the device where the backend is a webgpu one set up
 * here (a training step's loss, gradients and parameters: one round trip instead of one each); elsewhere
 * `dataSync()` of each.
 */
export function readAll(tensors: tf.Tensor[]): tf.backend_util.BackendValues[] {
  const backend = tf.backend();
  if (!enabled.has(backend)) return tensors.map((t) => t.dataSync());
  return readOnGpu(backend as unknown as WebGPUBackend, tensors.map((t) => t.dataId), (dataId) => backend.readSync(dataId));
}

function readOnGpu(backend: WebGPUBackend, dataIds: object[], fallback: (dataId: object) => tf.backend_util.BackendValues): tf.backend_util.BackendValues[] {
  const b = backend as unknown as BackendInternals;
  const onGpu = (dataId: object) => {
    const data = b.tensorMap.get(dataId);
    return data.values == null && data.dtype !== "string" && data.dtype !== "complex64" && data.resource instanceof GPUBuffer;
  };
  const reads = dataIds.filter(onGpu).map((dataId) => {
    const source = b.tensorMap.get(dataId).resource as GPUBuffer;
    return { dataId, source, staging: b.bufferManager.acquireBuffer(source.size, GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ) };
  });
  if (reads.length > 0) {
    countRead();
    b.ensureCommandEncoderReady();
    b.endComputePassEncoder();
    for (const { source, staging } of reads) b.commandEncoder.copyBufferToBuffer(source, 0, staging, 0, source.size);
    b.submitQueue();
    // Each promise settles after waitForMap has seen its buffer's state change; failures are reported below.
    for (const { staging } of reads) staging.mapAsync(GPUMapMode.READ).catch(() => undefined);
    for (const { staging } of reads) waitForMap(staging);
    for (const { dataId, staging } of reads) {
      if (staging.mapState !== "mapped") throw new Error("dataSync on webgpu: mapping the read-back buffer failed (device lost?)");
      const bytes = staging.getMappedRange().slice(0);
      staging.unmap();
      b.bufferManager.releaseBuffer(staging);
      const dtype = b.tensorMap.get(dataId).dtype;
      b.convertAndCacheOnCPU(dataId, tf.util.convertBackendValuesAndArrayBuffer(bytes, dtype) as tf.backend_util.BackendValues);
    }
  }
  // Everything is on the CPU now (or never left it, or is a kind tfjs reads itself).
  return dataIds.map((dataId) => {
    const values = b.tensorMap.get(dataId).values as tf.backend_util.BackendValues | null;
    return values ?? fallback(dataId);
  });
}
