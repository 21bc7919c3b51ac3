/**
 * A whole recurrent layer (one cell over every time step) as ONE tfjs op with a hand-written gradient:
 * the forward pass and backpropagation through time run in a RecurrentKernel (bptt.ts) over plain
 * arrays, and tfjs sees a single op whose gradient we supply, so it trains inside ordinary tfjs code
 * (tf.grads, optimizer.minimize). The per-op overhead of T steps × a dozen small ops disappears.
 */
import * as tf from "@tensorflow/tfjs";
import { CellKind, GATES, Gradients, RecurrentKernel, readableKernel } from "./bptt";
import type { CellWeights } from "./cells";
import { check } from "./errors";

const kernels = new Map<string, RecurrentKernel>([["readable", readableKernel]]);
let chosen: string | null = null;

/** Makes a kernel available under `name`; a kernel registered as "fast" becomes the default. */
export function registerRecurrentKernel(name: string, kernel: RecurrentKernel): void {
  kernels.set(name, kernel);
}

/** The one switch: which kernel every recurrent layer runs from now on ("readable", "fast", ...). */
export function setRecurrentKernel(name: string): void {
  check(kernels.has(name), "setRecurrentKernel(name)", `one of ${[...kernels.keys()].join(", ")}`, name);
  chosen = name;
}

/** The kernel in use: the one chosen, else "fast" once registered, else "readable". */
export function recurrentKernelName(): string {
  return chosen ?? (kernels.has("fast") ? "fast" : "readable");
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

  // customGrad ops return one tensor, so LSTM's final cell state rides along as an extra step:
  // packed = [output; c_N] along time, [B, T+1, H]. h_N is simply the output's last step.
  const op = tf.customGrad((...inputsAndSave) => {
    const [xIn, h0In, ...rest] = inputsAndSave.slice(0, -1) as tf.Tensor[]; // tfjs appends a save function
    const c0In = lstm ? (rest.shift() as tf.Tensor) : null;
    const [wIh, wHh, bIh, bHh] = rest.map(floats);
    const weights = { wIh, wHh, bIh, bHh };
    const xs = floats(xIn);
    const fwd = kernel.forward(kind, dims, xs, floats(h0In), c0In && floats(c0In), weights);
    const packed = lstm ? packTime(fwd.output, fwd.cN as Float32Array, dims) : fwd.output;
    const value = tf.tensor3d(packed, [B, lstm ? T + 1 : T, H]);

    const gradFunc = (dy: tf.Tensor) => {
      const { dOutput, dcN } = lstm ? unpackTime(floats(dy), dims) : { dOutput: floats(dy), dcN: null };
      // ∂L/∂h_N already sits in dOutput's last step (h_N is that step), so nothing more arrives for it.
      const g = kernel.backward(kind, dims, weights, xs, fwd, dOutput, new Float32Array(B * H), dcN);
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
    const packed = op(x, h0, ...(lstm ? [c0 ?? tf.zerosLike(h0)] : []), w.wIh, w.wHh, w.bIh, w.bHh) as tf.Tensor3D;
    const output = lstm ? packed.slice([0, 0, 0], [B, T, H]) : packed;
    const h = output.slice([0, T - 1, 0], [B, 1, H]).reshape([B, H]);
    return lstm ? [output, h, packed.slice([0, T, 0], [B, 1, H]).reshape([B, H])] : [output, h];
  });
  return { output: output as tf.Tensor3D, h: h as tf.Tensor2D, c: (c ?? null) as tf.Tensor2D | null };
}

/** [B, T, H] and [B, H] → [B, T+1, H]: the second becomes one more time step. */
function packTime(steps: Float32Array, last: Float32Array, { batch: B, steps: T, hidden: H }: { batch: number; steps: number; hidden: number }) {
  const packed = new Float32Array(B * (T + 1) * H);
  for (let b = 0; b < B; b++) {
    packed.set(steps.subarray(b * T * H, (b + 1) * T * H), b * (T + 1) * H);
    packed.set(last.subarray(b * H, (b + 1) * H), (b * (T + 1) + T) * H);
  }
  return packed;
}

/** The inverse of packTime, for the incoming gradient. */
function unpackTime(packed: Float32Array, { batch: B, steps: T, hidden: H }: { batch: number; steps: number; hidden: number }) {
  const dOutput = new Float32Array(B * T * H);
  const dcN = new Float32Array(B * H);
  for (let b = 0; b < B; b++) {
    dOutput.set(packed.subarray(b * (T + 1) * H, (b * (T + 1) + T) * H), b * T * H);
    dcN.set(packed.subarray((b * (T + 1) + T) * H, (b + 1) * (T + 1) * H), b * H);
  }
  return { dOutput, dcN };
}
