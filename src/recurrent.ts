/**
 * A whole recurrent layer (one cell over every time step) as ONE tfjs kernel with a hand-written gradient:
 * the forward pass and backpropagation through time run in a RecurrentKernel (bptt.ts) over plain
 * arrays, and tfjs sees a single op, registered like its own ops (registerKernel, registerGradient), so it
 * trains inside ordinary tfjs code (tf.grads, optimizer.minimize). The per-op overhead of T steps × a dozen
 * small ops disappears. The op has three outputs, output, h_N and c_N, and receives a gradient for each.
 */
import * as tf from "@tensorflow/tfjs";
import { CellKind, Dims, ForwardResult, GATES, Gradients, RecurrentKernel, Weights, readableKernel } from "./bptt";
import { fastKernel } from "./kernels/fast-kernel";
import type { CellWeights } from "./cells";
import { check } from "./errors";

// "fast" (WebAssembly SIMD, kernels/) is the default; "readable" (bptt.ts) is the reference it is tested against.
const kernels = new Map<string, RecurrentKernel>([["readable", readableKernel], ["fast", fastKernel]]);
let chosen: string | null = null;

/** Makes another kernel available under `name` (e.g. one for a GPU backend). */
export function registerRecurrentKernel(name: string, kernel: RecurrentKernel): void {
  kernels.set(name, kernel);
}

/** The one switch: which kernel every recurrent layer runs from now on ("readable", "fast", ...). */
export function setRecurrentKernel(name: string): void {
  check(kernels.has(name), "setRecurrentKernel(name)", `one of ${[...kernels.keys()].join(", ")}`, name);
  chosen = name;
}

/** The kernel in use: the one chosen, else "fast". */
export function recurrentKernelName(): string {
  return chosen ?? "fast";
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
 * Runs one recurrent layer over x [B, T, I] from state h0 [B, H] (and c0 for LSTM).
 * After each backward pass through it, `onBackward` receives the kernel's gradients — among them
 * `hiddenGradNorms`, ‖∂L/∂h_t‖ for every step t.
 */
export function recurrentLayer(
  kind: CellKind,
  x: tf.Tensor3D,
  h0: tf.Tensor2D,
  c0: tf.Tensor2D | null,
  w: CellWeights,
  onBackward?: (grads: Gradients) => void,
): RecurrentResult {
  const lstm = kind === "lstm";
  const run: LayerRun = {
    kind, kernel: kernels.get(recurrentKernelName()) as RecurrentKernel, onBackward,
    dims: { batch: x.shape[0], steps: x.shape[1], input: x.shape[2], hidden: h0.shape[1] },
  };
  if (!tf.getKernel(LAYER_OP, tf.getBackend())) tf.registerKernel({ kernelName: LAYER_OP, backendName: tf.getBackend(), kernelFunc: layerForward });
  const inputs: tf.NamedTensorMap = { x, h0, ...(lstm ? { c0: c0 ?? tf.zerosLike(h0) } : {}), wIh: w.wIh, wHh: w.wHh, bIh: w.bIh, bHh: w.bHh };
  const [output, h, c] = tf.engine().runKernel(LAYER_OP, inputs, { run } as unknown as tf.NamedAttrMap) as tf.Tensor[];
  if (lstm && !c0) inputs.c0.dispose();
  return { output: output as tf.Tensor3D, h: h as tf.Tensor2D, c: (c ?? null) as tf.Tensor2D | null };
}

const LAYER_OP = "CourseRecurrentLayer";

/** What one call carries from its forward to its backward (the kernel's cache lives in `forward`). */
interface LayerRun {
  kind: CellKind;
  dims: Dims;
  kernel: RecurrentKernel;
  onBackward?: (grads: Gradients) => void;
  x?: Float32Array;
  weights?: Weights;
  forward?: ForwardResult;
}

/** The op on any backend: read the inputs, run the kernel's forward, hand back three new tensors. */
function layerForward({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo[] {
  const run = (attrs as unknown as { run: LayerRun }).run;
  const b = backend as tf.KernelBackend;
  const floats = (t: tf.TensorInfo | undefined): Float32Array => {
    const values = b.readSync(t!.dataId) as Float32Array | Int32Array | Uint8Array;
    return values instanceof Float32Array ? values : Float32Array.from(values);
  };
  run.x = floats(inputs.x);
  run.weights = { wIh: floats(inputs.wIh), wHh: floats(inputs.wHh), bIh: floats(inputs.bIh), bHh: floats(inputs.bHh) };
  run.forward = run.kernel.forward(run.kind, run.dims, run.x, floats(inputs.h0), inputs.c0 ? floats(inputs.c0) : null, run.weights);
  const { batch: B, steps: T, hidden: H } = run.dims;
  const out = (values: Float32Array, shape: number[]): tf.TensorInfo => ({ dataId: b.write(values, shape, "float32"), shape, dtype: "float32" });
  const { output, hN, cN } = run.forward;
  return [out(output, [B, T, H]), out(hN, [B, H]), ...(cN ? [out(cN, [B, H])] : [])];
}

// Guarded: the library may be loaded twice in one process (src/ and dist/); the functions read everything
// they need from the call's attributes, so either copy's registration serves both.
if (!tf.getGradient(LAYER_OP)) tf.registerGradient({
  kernelName: LAYER_OP,
  gradFunc: (dys, _saved, attrs) => {
    const run = (attrs as unknown as { run: LayerRun }).run;
    const [dOutput, dhN, dcN] = (dys as tf.Tensor[]).map((d) => d.dataSync() as Float32Array);
    const g = run.kernel.backward(run.kind, run.dims, run.weights!, run.x!, run.forward!, dOutput, dhN, dcN ?? null);
    run.onBackward?.(g);
    const { batch: B, steps: T, input: I, hidden: H } = run.dims;
    const GH = GATES[run.kind] * H;
    return {
      x: () => tf.tensor3d(g.dx, [B, T, I]),
      h0: () => tf.tensor2d(g.dh0, [B, H]),
      ...(run.kind === "lstm" ? { c0: () => tf.tensor2d(g.dc0 as Float32Array, [B, H]) } : {}),
      wIh: () => tf.tensor2d(g.dWIh, [GH, I]),
      wHh: () => tf.tensor2d(g.dWHh, [GH, H]),
      bIh: () => tf.tensor1d(g.dBIh),
      bHh: () => tf.tensor1d(g.dBHh),
    };
  },
});
