/**
 * Truncated backpropagation through time: train on a long sequence in chunks of k steps. Each chunk
 * starts from the state the previous chunk ended in, so the network still *sees* the whole past,
 * but that state enters as a constant: gradients flow back at most k steps, and the memory the
 * backward pass needs stays bounded by k, not by the sequence length.
 *
 *   const optimizer = new Adam([...rnn.parameters(), ...head.parameters()], { lr: 0.01 });
 *   const loss = (output, start) => F.mseLoss(head.forward(output), y.slice(...from start...));
 *   const losses = truncatedBPTT(rnn, x, { chunkLength: 8, optimizer, loss });
 */
import * as tf from "@tensorflow/tfjs";
import { check, checkOptions } from "../errors";
import { Optimizer } from "../nn/optim";
import type { RecurrentModule } from "../nn/rnn";
import { stopIfNotFinite } from "./not-finite";

export interface TruncatedBPTTOptions {
  /** k: time steps per chunk, and so the furthest any gradient travels back. */
  chunkLength: number;
  /** One chunk's loss, from the layer's output on it [B, steps, H]; `start`: its first step. */
  loss: (output: tf.Tensor3D, start: number) => tf.Scalar;
  /** The course's optimiser, over every parameter the loss depends on (the layer's, a head's). */
  optimizer: Optimizer;
  /** Initial state [numLayers, B, H] (zeros when left out). */
  h0?: tf.Tensor;
  c0?: tf.Tensor;
}

/**
 * Runs `layer` over x [B, T, I] chunk by chunk, one optimiser step per chunk; returns each chunk's
 * loss. A NaN loss stops it before that chunk's update.
 */
export function truncatedBPTT(
  layer: RecurrentModule,
  x: tf.Tensor3D,
  options: TruncatedBPTTOptions,
): number[] {
  checkArguments(x, options);
  const { chunkLength: k, loss: lossOf, optimizer } = options;
  const [B, T, I] = x.shape;
  // The state carried from chunk to chunk: [h] or, for an LSTM, [h, c] (undefined: zeros).
  let state = [options.h0?.clone(), options.c0?.clone()];
  let next: tf.Tensor[] = [];
  const losses: number[] = [];
  try {
    for (let start = 0; start < T; start += k) {
      const steps = Math.min(k, T - start);
      const loss = tf.tidy(() => {
        const chunk = x.slice([0, start, 0], [B, steps, I]);
        const { value, grads } = tf.variableGrads(() => {
          const result = layer.forward(chunk, state[0], state[1]); // forward, from the last state
          next = [tf.keep(result.h), ...(result.c ? [tf.keep(result.c)] : [])];
          return lossOf(result.output, start); // loss
        }, optimizer.parameters); // backward, through this chunk only
        const loss = value.dataSync()[0];
        stopIfNotFinite("loss", loss, `time steps ${start + 1}-${start + steps}`);
        optimizer.step(grads);
        return loss;
      });
      losses.push(loss);
      // The final state goes on to the next chunk as a plain tensor: that chunk's gradient tape
      // starts there, so no gradient reaches back into this chunk. That is the truncation.
      tf.dispose(state);
      [state, next] = [next, []];
    }
  } finally {
    tf.dispose([...state, ...next]);
  }
  return losses;
}

function checkArguments(x: tf.Tensor3D, options: TruncatedBPTTOptions): void {
  checkOptions(options, ["chunkLength", "loss", "optimizer", "h0", "c0"], "truncatedBPTT options");
  const { chunkLength, loss, optimizer } = options;
  check(
    Number.isInteger(chunkLength) && chunkLength > 0,
    "chunkLength",
    "a positive integer",
    chunkLength,
  );
  check(x instanceof tf.Tensor && x.rank === 3, "x", "a tensor [batch, time, features]", x);
  check(typeof loss === "function", "loss", "a function (output, start) => the chunk's loss", loss);
  const expected =
    "the course's optimizer, e.g. new Adam([...rnn.parameters(), ...head.parameters()])";
  check(optimizer instanceof Optimizer, "optimizer", expected, optimizer);
}
