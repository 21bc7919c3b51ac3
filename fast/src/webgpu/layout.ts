/**
 * Where the WebGPU kernel keeps things: one record per sequence and step, in two buffers.
 *
 * The forward's trace [B, T+1, TRACE]: record 0 holds the initial state, record t+1 what step t computed
 * and backward needs (the library's nn/bptt.ts keeps the same things: h_t, c_t, the gates, W_hn h_{t-1} + b_hn).
 * The backward's gradients [B, T+1, BACK]: record t holds step t's gate gradients and ∂L/∂h_t; record T
 * holds ∂L/∂h0 and ∂L/∂c0. The shaders get these offsets as constants (programs.ts).
 */
import { CellKind, GATES } from "rnn-course-contract";

export interface TraceLayout {
  TRACE_H: number;
  TRACE_C: number; // LSTM
  TRACE_GATES: number; // LSTM, GRU
  TRACE_HN: number; // GRU
  TRACE: number;
}

export interface BackLayout {
  DGX: number; // ∂L/∂a_x, G·H
  DGH: number; // ∂L/∂a_h, G·H (GRU only; for the others it equals ∂L/∂a_x)
  DH: number; // ∂L/∂h_t, H
  BACK: number;
}

export function traceLayout(kind: CellKind, H: number): TraceLayout {
  const GH = GATES[kind] * H;
  if (kind === "lstm") return { TRACE_H: 0, TRACE_C: H, TRACE_GATES: 2 * H, TRACE_HN: 0, TRACE: 2 * H + GH };
  if (kind === "gru") return { TRACE_H: 0, TRACE_C: 0, TRACE_GATES: H, TRACE_HN: H + GH, TRACE: 2 * H + GH };
  return { TRACE_H: 0, TRACE_C: 0, TRACE_GATES: 0, TRACE_HN: 0, TRACE: H };
}

export function backLayout(kind: CellKind, H: number): BackLayout {
  const GH = GATES[kind] * H;
  const DH = kind === "gru" ? 2 * GH : GH;
  return { DGX: 0, DGH: kind === "gru" ? GH : 0, DH, BACK: DH + H };
}
