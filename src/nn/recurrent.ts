/**
 * A whole recurrent layer (one cell over every time step) as ONE tfjs op with a hand-written
 * gradient: the forward pass and backpropagation through time run in a kernel that sees the whole
 * sequence, and tfjs sees a single op, registered like its own ops (registerKernel,
 * registerGradient), so it trains inside ordinary tfjs code (tf.grads, optimizer.minimize). The
 * per-op overhead of T steps × a dozen small ops disappears. The op has three outputs, output, h_N
 * and c_N, and receives a gradient for each.
 *
 * Which kernel runs it (the package rnn-course-contract holds their contract) is chosen where the
 * tensors live, and `setRecurrentKernel` overrides the choice:
 * - "fast", the default on cpu and wasm (and on tfjs-node): the fast path's WebAssembly kernel,
 *   over arrays in host memory;
 * - "webgpu", the default on webgpu: the fast path's fused WebGPU kernel, on the GPU's own buffers;
 * - "readable": bptt.ts's loops, on the CPU, the reference every other kernel is tested against.
 * On tfjs-node-gpu (CUDA) the WebAssembly kernel runs too, on the CPU: tfjs-node has no fused cuDNN
 * recurrent op to call, and each time step as tfjs ops (cells.ts's unrollCell) would be ~15 ops
 * forward and ~30 backward per LSTM step, each a CUDA launch, where the CPU kernel copies a few MB
 * off the GPU and back. useDevice() says so: its report names where recurrent layers run.
 */
import * as tf from "@tensorflow/tfjs";
import { readableKernel } from "./bptt";
import { onHost } from "./on-host";
import type {
  CellKind,
  Dims,
  GradNorms,
  LayerInputs,
  LayerKernel,
  RecurrentKernel,
} from "rnn-course-contract";
import { ArgumentError, check } from "../errors";
import { fastPath } from "../fast-path";
import type { CellWeights } from "./cells";

const kernels = new Map<string, LayerKernel>([
  ["readable", onHost(readableKernel, "the readable BPTT of bptt.ts, on the CPU")],
  ["fast", onHost(fastPath.fastKernel, "the WebAssembly kernel, on the CPU")],
  ["webgpu", fastPath.webgpuKernel],
]);
/** null: "auto", the kernel for wherever the tensors live. */
let chosen: string | null = null;

/** Makes another kernel over plain arrays available under `name`. */
export function registerRecurrentKernel(
  name: string,
  kernel: RecurrentKernel,
  description = `the "${name}" kernel, on the CPU`,
): void {
  kernels.set(name, onHost(kernel, description));
}

/**
 * The one switch: which kernel every recurrent layer runs from now on: "auto" (the default: where
 * the tensors live), "fast", "readable", "webgpu" (only on the webgpu backend), or one registered.
 */
export function setRecurrentKernel(name: string): void {
  check(
    name === "auto" || kernels.has(name),
    "setRecurrentKernel(name)",
    `one of auto, ${[...kernels.keys()].join(", ")}`,
    name,
  );
  chosen = name === "auto" ? null : name;
}

/**
 * The kernel recurrent layers run on `backend` (default: the current one): the one chosen, else its
 * own.
 */
export function recurrentKernelName(backend = tf.getBackend()): string {
  return chosen ?? (backend === "webgpu" ? "webgpu" : "fast");
}

/**
 * Where recurrent layers run on `backend`, in words, for useDevice()'s report. `tensorsOnGpu`: the
 * backend keeps its tensors on a GPU, so a kernel on the CPU copies them off and back.
 */
export function recurrentLayersOn(backend: string, tensorsOnGpu: boolean): string {
  const name = recurrentKernelName(backend);
  const kernel = kernels.get(name) as LayerKernel;
  if (!kernel.runsOn(backend))
    return `"${name}", which cannot run on ${backend} (setRecurrentKernel("auto") picks one that can)`;
  return kernel.onHost && tensorsOnGpu
    ? `${kernel.description} (each layer copies its tensors off the GPU and back)`
    : kernel.description;
}

export interface RecurrentResult {
  /** [B, T, H] the hidden state at every step. */
  output: tf.Tensor3D;
  /** [B, H] the hidden state after the last step. */
  h: tf.Tensor2D;
  /** [B, H] the cell state after the last step (LSTM), else null. */
  c: tf.Tensor2D | null;
}

/**
 * Runs one recurrent layer of sizes `dims` over x [B, T, I] from state h0 [B, H] (and c0 for LSTM).
 * The sizes go to the kernel as given: the caller, the layer's module, knows them. After each
 * backward pass through it, `onBackward` receives ‖∂L/∂h_t‖ for every step t (read from the device
 * when asked; the receiver disposes it). Without `onBackward` they are not kept.
 */
export function recurrentLayer(
  kind: CellKind,
  dims: Dims,
  x: tf.Tensor3D,
  h0: tf.Tensor2D,
  c0: tf.Tensor2D | null,
  w: CellWeights,
  onBackward?: (hiddenGradNorms: GradNorms) => void,
): RecurrentResult {
  const lstm = kind === "lstm";
  const backend = tf.getBackend();
  const name = recurrentKernelName(backend);
  const kernel = kernels.get(name) as LayerKernel;
  if (!kernel.runsOn(backend)) {
    throw new ArgumentError(
      "setRecurrentKernel(name)",
      `a kernel that runs on the ${backend} backend`,
      name,
      `The "${name}" kernel runs only where its tensors live; setRecurrentKernel("auto") picks the one for ${backend}`,
    );
  }
  const inputs: tf.NamedTensorMap = {
    x,
    h0,
    ...(lstm ? { c0: c0 ?? tf.zerosLike(h0) } : {}),
    wIh: w.wIh,
    wHh: w.wHh,
    bIh: w.bIh,
    bHh: w.bHh,
  };
  const run: LayerRun = { kind, dims, kernel, onBackward, names: Object.keys(inputs) };
  if (!tf.getKernel(LAYER_OP, backend))
    tf.registerKernel({ kernelName: LAYER_OP, backendName: backend, kernelFunc: layerForward });
  // The inputs go in as a list, as tf.addN's do, so that tfjs keeps them all for the gradient
  // (saveAllInputs).
  const list = Object.values(inputs) as unknown as tf.NamedTensorMap;
  const [output, h, c] = tf
    .engine()
    .runKernel(LAYER_OP, list, { run } as unknown as tf.NamedAttrMap) as tf.Tensor[];
  if (lstm && !c0) inputs.c0.dispose();
  return {
    output: output as tf.Tensor3D,
    h: h as tf.Tensor2D,
    c: (c ?? null) as tf.Tensor2D | null,
  };
}

const LAYER_OP = "CourseRecurrentLayer";

/** What one call carries from its forward to its backward. */
interface LayerRun {
  kind: CellKind;
  dims: Dims;
  kernel: LayerKernel;
  /** The op's inputs' names, in the order of the list the op receives. */
  names: string[];
  onBackward?: (hiddenGradNorms: GradNorms) => void;
  /** What the kernel's forward kept for its backward. */
  saved?: unknown;
}

/** The op's inputs (a list, in the order of `run.names`) by name, as the kernels take them. */
function namedInputs<T>(run: LayerRun, list: T[]): LayerInputs<T> {
  return Object.fromEntries(
    run.names.map((name, i) => [name, list[i]]),
  ) as unknown as LayerInputs<T>;
}

/** The op on any backend: the chosen kernel's forward. */
function layerForward({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo[] {
  const run = (attrs as unknown as { run: LayerRun }).run;
  const named = namedInputs(run, inputs as unknown as tf.TensorInfo[]);
  const { outputs, saved } = run.kernel.forward(
    run.kind,
    run.dims,
    named,
    backend as tf.KernelBackend,
  );
  run.saved = saved;
  return outputs;
}

// Guarded: the library may be loaded twice in one process (src/ and dist/); the functions read
// everything they need from the call's attributes, so either copy's registration serves both.
if (!tf.getGradient(LAYER_OP))
  tf.registerGradient({
    kernelName: LAYER_OP,
    saveAllInputs: true,
    gradFunc: (dys, saved, attrs) => {
      const run = (attrs as unknown as { run: LayerRun }).run;
      const [dOutput, dhN, dcN] = dys as tf.Tensor[];
      const inputs = namedInputs(run, saved);
      const { grads, hiddenGradNorms } = run.kernel.backward(
        run.kind,
        run.dims,
        run.saved,
        inputs,
        { dOutput, dhN, dcN: dcN ?? null },
      );
      if (run.onBackward) run.onBackward(hiddenGradNorms);
      else hiddenGradNorms.dispose();
      const byName = grads as unknown as Record<string, () => tf.Tensor>;
      return Object.fromEntries(run.names.map((name, i) => [i, byName[name]]));
    },
  });
