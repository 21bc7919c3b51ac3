/**
 * The kernel interface of the registered `CourseRecurrentLayer` op (recurrent.ts): what every
 * implementation of a whole recurrent layer receives and gives back, wherever its tensors live.
 *
 * - Kernels over plain arrays (the readable BPTT of bptt.ts, the WebAssembly kernel) keep bptt.ts's
 *   `RecurrentKernel` contract; `onHost` (host.ts) turns one into a LayerKernel by reading the op's
 *   inputs into host memory and writing the results back.
 * - A GPU kernel (webgpu/) implements LayerKernel directly on the backend's own buffers: nothing leaves
 *   the device inside a training step.
 */
import type * as tf from "@tensorflow/tfjs";
import type { CellKind, Dims } from "../bptt";

/** The op's inputs by name; c0 only for an LSTM. */
export interface LayerInputs<T> {
  x: T; // [B, T, I]
  h0: T; // [B, H]
  c0?: T; // [B, H]
  wIh: T; // [G·H, I]
  wHh: T; // [G·H, H]
  bIh: T; // [G·H]
  bHh: T; // [G·H]
}

/** The op's outputs' gradients (tfjs passes zeros for an output the loss does not use). */
export interface LayerOutputGradients {
  dOutput: tf.Tensor; // [B, T, H]
  dhN: tf.Tensor; // [B, H]
  dcN: tf.Tensor | null; // [B, H], LSTM only
}

/**
 * [T]: ‖∂L/∂h_t‖ over the batch for every step t, as in bptt.ts's Gradients. A GPU kernel leaves them on the
 * device: they are read (once) only when someone asks, so a training step never waits for them.
 */
export interface GradNorms {
  read(): Float32Array;
  /** Frees the copy on the device (what an earlier read() returned stays readable). */
  dispose(): void;
}

export interface LayerBackward {
  /** One gradient per input, shaped like it (tfjs asks only for those it needs). */
  grads: LayerInputs<() => tf.Tensor>;
  hiddenGradNorms: GradNorms;
}

export interface LayerKernel {
  /** Where and how it runs, for useDevice()'s report: e.g. "the WebAssembly kernel, on the CPU". */
  readonly description: string;
  /** It runs on the CPU, over arrays in host memory. */
  readonly onHost: boolean;
  /** Whether it can run on the tfjs backend `backend` (a GPU kernel only where its tensors live). */
  runsOn(backend: string): boolean;
  /**
   * The forward pass, inside the op's kernel function: [output [B,T,H], h_N [B,H], c_N [B,H] for LSTM] as new
   * TensorInfos of `backend` (tfjs takes ownership), and whatever backward will need.
   */
  forward(kind: CellKind, dims: Dims, inputs: LayerInputs<tf.TensorInfo>, backend: tf.KernelBackend): { outputs: tf.TensorInfo[]; saved: unknown };
  /** Backpropagation through time, inside the op's gradient: `inputs` are the forward's (kept alive by tfjs). */
  backward(kind: CellKind, dims: Dims, saved: unknown, inputs: LayerInputs<tf.Tensor>, dys: LayerOutputGradients): LayerBackward;
}
