/**
 * Backpropagation through time, written out.
 *
 * A recurrent layer is one cell applied T times. Its forward pass walks t = 0 .. T-1 and keeps what each
 * step computed; its backward pass walks t = T-1 .. 0 and hands the gradient of the hidden state back one
 * step at a time. This file states the contract every such kernel keeps (the readable one here, a fast
 * one elsewhere) so the tfjs op in recurrent.ts can run either.
 */

export type CellKind = "rnn_tanh" | "rnn_relu" | "lstm" | "gru";

/** Gate blocks stacked in the weight rows, PyTorch order: LSTM i,f,g,o; GRU r,z,n. */
export const GATES: Record<CellKind, number> = { rnn_tanh: 1, rnn_relu: 1, lstm: 4, gru: 3 };

export interface Dims {
  batch: number;
  steps: number;
  input: number;
  hidden: number;
}

/** PyTorch layout, row-major: wIh [G*H, I], wHh [G*H, H], bIh [G*H], bHh [G*H]. */
export interface Weights {
  wIh: Float32Array;
  wHh: Float32Array;
  bIh: Float32Array;
  bHh: Float32Array;
}

export interface ForwardResult {
  /** [B, T, H] hidden state at every step (batch-first). */
  output: Float32Array;
  /** [B, H] hidden state after the last step. */
  hN: Float32Array;
  /** [B, H] cell state after the last step for LSTM, else null. */
  cN: Float32Array | null;
  /** Whatever the same kernel's backward needs (opaque to callers). */
  cache: unknown;
}

export interface Gradients {
  dx: Float32Array;
  dh0: Float32Array;
  dc0: Float32Array | null;
  dWIh: Float32Array;
  dWHh: Float32Array;
  dBIh: Float32Array;
  dBHh: Float32Array;
  /**
   * [T]: ‖∂L/∂h_t‖ (Frobenius over the batch) of the TOTAL gradient reaching h_t (from the output at t
   * plus from step t+1) — what the vanishing-gradient lecture plots.
   */
  hiddenGradNorms: Float32Array;
}

export interface RecurrentKernel {
  forward(
    kind: CellKind,
    dims: Dims,
    x: Float32Array /* [B,T,I] */,
    h0: Float32Array /* [B,H] */,
    c0: Float32Array | null,
    w: Weights,
  ): ForwardResult;
  backward(
    kind: CellKind,
    dims: Dims,
    w: Weights,
    x: Float32Array,
    fwd: ForwardResult,
    dOutput: Float32Array /* [B,T,H] */,
    dhN: Float32Array,
    dcN: Float32Array | null,
  ): Gradients;
}
