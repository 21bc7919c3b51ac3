/**
 * Truncated backpropagation through time: train on a long sequence in chunks of k steps. Each chunk
 * starts from the state the previous chunk ended in — so the network still *sees* the whole past —
 * but that state enters as a constant, so gradients flow back at most k steps and the memory for the
 * backward pass stays bounded by k, not by the sequence length.
 */
import * as tf from "@tensorflow/tfjs";
import { check, checkOptions } from "../errors";
import type { RecurrentModule } from "./rnn";

/** What takes one training step: a tfjs optimizer (tf.train.adam(...)) or anything with its `minimize`. */
export interface Minimizer {
  minimize(f: () => tf.Scalar, returnCost?: boolean, varList?: tf.Variable[]): tf.Scalar | null;
}

export interface TruncatedBPTTOptions {
  /** k: time steps per chunk, and so the furthest any gradient travels back. */
  chunkLength: number;
  /** The loss of one chunk, from the layer's output on it [B, steps, H]; `start` is its first time step. */
  loss: (output: tf.Tensor3D, start: number) => tf.Scalar;
  optimizer: Minimizer;
  /** Variables to train (default: every trainable variable, as tfjs optimizers do). */
  varList?: tf.Variable[];
  /** Initial state [numLayers, B, H] (zeros when left out). */
  h0?: tf.Tensor;
  c0?: tf.Tensor;
}

/** Runs `layer` over x [B, T, I] chunk by chunk, one optimizer step per chunk; returns each chunk's loss. */
export function truncatedBPTT(layer: RecurrentModule, x: tf.Tensor3D, options: TruncatedBPTTOptions): number[] {
  checkOptions(options, ["chunkLength", "loss", "optimizer", "varList", "h0", "c0"], "truncatedBPTT options");
  const { chunkLength: k, loss, optimizer, varList } = options;
  check(Number.isInteger(k) && k > 0, "chunkLength", "a positive integer", k);
  check(x instanceof tf.Tensor && x.rank === 3, "x", "a tensor [batch, time, features]", x);
  const [B, T, I] = x.shape;
  let h = options.h0?.clone();
  let c = options.c0?.clone();
  const losses: number[] = [];
  for (let start = 0; start < T; start += k) {
    const chunk = x.slice([0, start, 0], [B, Math.min(k, T - start), I]);
    let next: tf.Tensor[] = [];
    const cost = optimizer.minimize(() => {
      const result = layer.forward(chunk, h, c);
      next = [tf.keep(result.h), ...(result.c ? [tf.keep(result.c)] : [])];
      return loss(result.output, start);
    }, true, varList) as tf.Scalar;
    losses.push(cost.dataSync()[0]);
    tf.dispose([cost, chunk, ...(h ? [h] : []), ...(c ? [c] : [])]);
    // The final state goes on to the next chunk as a plain tensor: that chunk's gradient tape starts
    // there, so no gradient reaches back into this chunk. That is the truncation.
    [h, c] = next;
  }
  tf.dispose([...(h ? [h] : []), ...(c ? [c] : [])]);
  return losses;
}
