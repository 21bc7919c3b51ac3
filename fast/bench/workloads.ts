/**
 * The benchmark's workloads W1-W5: a sine series x_t = sin(2πt/50), windows taken with stride 1, MSE,
 * Adam lr 0.01. Recurrent models predict the next value at every step (many-to-many); the MLP predicts
 * the value after a history of 2. scripts/torch/bench.py defines the same five.
 */
import * as tf from "@tensorflow/tfjs";

export type ModelKind = "mlp" | "rnn" | "lstm" | "gru";

export interface Workload {
  id: string;
  model: ModelKind;
  /** Hidden size (recurrent models). */
  hidden: number;
  /** Window length: history for the MLP, sequence length for recurrent models. */
  length: number;
  batch: number;
  points: number;
  /** Untimed steps first (the JIT settles; small steps need more), then timed steps (the median is reported). */
  warmup: number;
  steps: number;
}

export const WORKLOADS: Workload[] = [
  { id: "W1", model: "mlp", hidden: 0, length: 2, batch: 32, points: 1000, warmup: 30, steps: 100 },
  { id: "W2", model: "rnn", hidden: 32, length: 50, batch: 32, points: 1000, warmup: 20, steps: 50 },
  { id: "W3", model: "lstm", hidden: 32, length: 50, batch: 32, points: 1000, warmup: 20, steps: 50 },
  { id: "W4", model: "gru", hidden: 32, length: 50, batch: 32, points: 1000, warmup: 20, steps: 50 },
  { id: "W5", model: "lstm", hidden: 128, length: 200, batch: 64, points: 10000, warmup: 3, steps: 20 },
];

export const LEARNING_RATE = 0.01;

/** The workload's batches in order (the last partial batch dropped), as [inputs, targets] tensors. */
export function batches(w: Workload): [tf.Tensor, tf.Tensor][] {
  const series = Array.from({ length: w.points }, (_, t) => Math.sin((2 * Math.PI * t) / 50));
  const windows = w.points - w.length;
  const out: [tf.Tensor, tf.Tensor][] = [];
  for (let start = 0; start + w.batch <= windows; start += w.batch) {
    const x: number[] = [];
    const y: number[] = [];
    for (let i = start; i < start + w.batch; i++) {
      x.push(...series.slice(i, i + w.length));
      if (w.model === "mlp") y.push(series[i + w.length]);
      else y.push(...series.slice(i + 1, i + w.length + 1));
    }
    out.push(
      w.model === "mlp"
        ? [tf.tensor2d(x, [w.batch, w.length]), tf.tensor2d(y, [w.batch, 1])]
        : [tf.tensor3d(x, [w.batch, w.length, 1]), tf.tensor3d(y, [w.batch, w.length, 1])],
    );
  }
  return out;
}
