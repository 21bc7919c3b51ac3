/**
 * The contract of a recurrent kernel: what runs a whole recurrent layer (one cell over every time step,
 * forward and back) for the library's op (src/nn/recurrent.ts), so that the op can run any of them. Two
 * levels:
 *
 * - `RecurrentKernel`, over plain arrays in host memory: the library's readable BPTT (src/nn/bptt.ts, the
 *   reference), and the WebAssembly kernel of the fast path (the `rnn-course-fast` package, fast/). The
 *   library's `onHost` (src/nn/on-host.ts) runs one as a LayerKernel, reading the op's tensors into arrays
 *   and writing the results back.
 * - `LayerKernel`, over the tensors where the backend keeps them: the fast path's WebGPU kernel works on the
 *   GPU's own buffers, so nothing leaves the device inside a training step.
 *
 * Every kernel follows PyTorch's equations, gate order and weight layout, and is tested against the readable one.
 */
import type * as tf from "@tensorflow/tfjs";

export type CellKind = "rnn_tanh" | "rnn_relu" | "lstm" | "gru";

/** Gate blocks stacked in the weight rows, PyTorch order: LSTM i,f,g,o; GRU r,z,n. */
export const GATES: Record<CellKind, number> = { rnn_tanh: 1, rnn_relu: 1, lstm: 4, gru: 3 };

/**
 * The readable kernel runs in float32 (what tfjs stores) or float64 (what finite-difference checks need):
 * the same code, so the tests check the very lines the lecture shows. The array types below take the
 * array type as a parameter, defaulting to float32.
 */
export type Floats = Float32Array | Float64Array;

export interface Dims {
  batch: number;
  steps: number;
  input: number;
  hidden: number;
}

/** PyTorch layout, row-major: wIh [G*H, I], wHh [G*H, H], bIh [G*H], bHh [G*H] (zeros for `bias: false`). */
export interface Weights<A extends Floats = Float32Array> {
  wIh: A;
  wHh: A;
  bIh: A;
  bHh: A;
}

export interface ForwardResult<A extends Floats = Float32Array> {
  /** [B, T, H] hidden state at every step (batch-first). */
  output: A;
  /** [B, H] hidden state after the last step. */
  hN: A;
  /** [B, H] cell state after the last step for LSTM, else null. */
  cN: A | null;
  /** Whatever the same kernel's backward needs (opaque to callers). */
  cache: unknown;
}

export interface Gradients<A extends Floats = Float32Array> {
  dx: A;
  dh0: A;
  dc0: A | null;
  dWIh: A;
  dWHh: A;
  dBIh: A;
  dBHh: A;
  /**
   * [T]: ‖∂L/∂h_t‖ (Frobenius over the batch) of the TOTAL gradient reaching h_t (from the output at t
   * plus from step t+1) — what the vanishing-gradient lecture plots.
   */
  hiddenGradNorms: A;
}

/** A kernel over arrays in host memory: x [B, T, I], h0 and c0 [B, H] (c0 for LSTM, null for zeros). */
export interface RecurrentKernel {
  forward(kind: CellKind, dims: Dims, x: Float32Array, h0: Float32Array, c0: Float32Array | null, w: Weights): ForwardResult;
  /** dOutput [B, T, H], dhN and dcN [B, H]: the gradients of the loss with respect to forward's outputs. */
  backward(
    kind: CellKind, dims: Dims, w: Weights, x: Float32Array, fwd: ForwardResult,
    dOutput: Float32Array, dhN: Float32Array, dcN: Float32Array | null,
  ): Gradients;
}

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
 * [T]: ‖∂L/∂h_t‖ over the batch for every step t, as in Gradients. A GPU kernel leaves them on the device:
 * they are read (once) only when someone asks, so a training step never waits for them.
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

/** A kernel over the op's tensors, wherever the backend keeps them. */
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
