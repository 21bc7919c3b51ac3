/**
 * A whole recurrent layer (one cell over every time step) as ONE tfjs op with a hand-written gradient:
 * the forward pass and backpropagation through time run in a RecurrentKernel (bptt.ts) over plain
 * arrays, and tfjs sees a single op whose gradient we supply, so it trains inside ordinary tfjs code
 * (tf.grads, optimizer.minimize). The per-op overhead of T steps × a dozen small ops disappears.
 */
import * as tf from "@tensorflow/tfjs";
import { CellKind, GATES, Gradients, RecurrentKernel, readableKernel } from "./bptt";
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
  const [B, T, I] = x.shape;
  const H = h0.shape[1];
  const lstm = kind === "lstm";
  const dims = { batch: B, steps: T, input: I, hidden: H };
  const kernel = kernels.get(recurrentKernelName()) as RecurrentKernel;
  const floats = (t: tf.Tensor) => (t.dtype === "float32" ? t.dataSync() : Float32Array.from(t.dataSync())) as Float32Array;

  // customGrad ops return one tensor, so the layer's results travel as one flat vector
  // [output | h_N | c_N] that is split afterwards; split's gradient is a concat, so the incoming
  // gradient arrives flat in the same order. (Slicing a 3-D tensor instead costs ~0.35 µs per element on
  // the cpu backend, as much as the whole LSTM step at the lecture's sizes.)
  const sizes = [B * T * H, B * H, ...(lstm ? [B * H] : [])];
  const op = tf.customGrad((...inputsAndSave) => {
    const [xIn, h0In, ...rest] = inputsAndSave.slice(0, -1) as tf.Tensor[]; // tfjs appends a save function
    const c0In = lstm ? (rest.shift() as tf.Tensor) : null;
    const [wIh, wHh, bIh, bHh] = rest.map(floats);
    const weights = { wIh, wHh, bIh, bHh };
    const xs = floats(xIn);
    const fwd = kernel.forward(kind, dims, xs, floats(h0In), c0In && floats(c0In), weights);
    const value = tf.tensor1d(concat([fwd.output, fwd.hN, ...(lstm ? [fwd.cN as Float32Array] : [])]));

    const gradFunc = (dy: tf.Tensor) => {
      const flat = floats(dy);
      const [dOutput, dhN, dcN] = sizes.map((n, i) => flat.subarray(offset(sizes, i), offset(sizes, i) + n));
      const g = kernel.backward(kind, dims, weights, xs, fwd, dOutput, dhN, lstm ? dcN : null);
      onBackward?.(g);
      const GH = GATES[kind] * H;
      return [
        tf.tensor3d(g.dx, [B, T, I]), tf.tensor2d(g.dh0, [B, H]),
        ...(lstm ? [tf.tensor2d(g.dc0 as Float32Array, [B, H])] : []),
        tf.tensor2d(g.dWIh, [GH, I]), tf.tensor2d(g.dWHh, [GH, H]), tf.tensor1d(g.dBIh), tf.tensor1d(g.dBHh),
      ];
    };
    return { value, gradFunc };
  });

  const [output, h, c] = tf.tidy(() => {
    const flat = op(x, h0, ...(lstm ? [c0 ?? tf.zerosLike(h0)] : []), w.wIh, w.wHh, w.bIh, w.bHh);
    const [output, h, c] = tf.split(flat, sizes);
    return [output.reshape([B, T, H]), h.reshape([B, H]), ...(lstm ? [c.reshape([B, H])] : [])];
  });
  return { output: output as tf.Tensor3D, h: h as tf.Tensor2D, c: (c ?? null) as tf.Tensor2D | null };
}

/** Where part `i` starts in a flat vector made of parts of the given sizes. */
function offset(sizes: number[], i: number): number {
  return sizes.slice(0, i).reduce((a, b) => a + b, 0);
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}
