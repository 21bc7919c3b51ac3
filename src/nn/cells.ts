/**
 * Recurrent cells, one time step each, as plain tfjs ops — the equations of PyTorch's nn.RNNCell,
 * nn.LSTMCell and nn.GRUCell. Gate blocks are stacked in the weight rows (LSTM i, f, g, o; GRU r,
 * z, n) and there are two biases, one beside each weight matrix.
 *
 * Letting tfjs differentiate these, unrolled over time, is the slow but obviously-right reference
 * that the hand-written backpropagation through time (bptt.ts) is checked against.
 */
import * as tf from "@tensorflow/tfjs";
import type { CellKind } from "rnn-course-contract";

/** One layer's parameters: wIh [G*H, I], wHh [G*H, H], bIh [G*H], bHh [G*H]. */
export interface CellWeights {
  wIh: tf.Tensor2D;
  wHh: tf.Tensor2D;
  bIh: tf.Tensor1D;
  bHh: tf.Tensor1D;
}

/** x W_ihᵀ + b_ih: the input's contribution to every gate at once, [B, G*H]. */
function fromInput(x: tf.Tensor2D, w: CellWeights): tf.Tensor2D {
  return tf.add(tf.matMul(x, w.wIh, false, true), w.bIh);
}

/** h W_hhᵀ + b_hh: the previous hidden state's contribution to every gate, [B, G*H]. */
function fromHidden(h: tf.Tensor2D, w: CellWeights): tf.Tensor2D {
  return tf.add(tf.matMul(h, w.wHh, false, true), w.bHh);
}

/** Vanilla RNN: h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (or relu). */
export function rnnCell(
  x: tf.Tensor2D,
  h: tf.Tensor2D,
  w: CellWeights,
  nonlinearity: "tanh" | "relu" = "tanh",
): tf.Tensor2D {
  const preActivation = tf.add(fromInput(x, w), fromHidden(h, w)) as tf.Tensor2D;
  return nonlinearity === "tanh" ? tf.tanh(preActivation) : tf.relu(preActivation);
}

/**
 * LSTM: input gate i, forget gate f, candidate g, output gate o;
 * c' = f * c + i * g, h' = o * tanh(c').
 */
export function lstmCell(
  x: tf.Tensor2D,
  h: tf.Tensor2D,
  c: tf.Tensor2D,
  w: CellWeights,
): { h: tf.Tensor2D; c: tf.Tensor2D } {
  const [i, f, g, o] = tf.split(tf.add(fromInput(x, w), fromHidden(h, w)), 4, 1) as tf.Tensor2D[];
  const cNext = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g))) as tf.Tensor2D;
  return { h: tf.mul(tf.sigmoid(o), tf.tanh(cNext)), c: cNext };
}

/**
 * GRU: reset gate r, update gate z, candidate n;
 * n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), h' = (1 - z) * n + z * h.
 * The reset gate scales the hidden part of n *after* its bias — PyTorch's (and cuDNN's) variant.
 */
export function gruCell(x: tf.Tensor2D, h: tf.Tensor2D, w: CellWeights): tf.Tensor2D {
  const [xr, xz, xn] = tf.split(fromInput(x, w), 3, 1);
  const [hr, hz, hn] = tf.split(fromHidden(h, w), 3, 1);
  const r = tf.sigmoid(tf.add(xr, hr));
  const z = tf.sigmoid(tf.add(xz, hz));
  const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
  return tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h));
}

/**
 * Runs one cell over a batch-first sequence x [B, T, I], one step at a time, from state (h0, c0).
 * `probes` (optional, one [B, H] tensor per step) are added to each new hidden state: they change
 * nothing when zero, but their gradient is exactly ∂L/∂h_t — how the tests measure it with
 * autograd.
 */
export function unrollCell(
  kind: CellKind,
  x: tf.Tensor3D,
  h0: tf.Tensor2D,
  c0: tf.Tensor2D | null,
  w: CellWeights,
  probes?: tf.Tensor2D[],
): { output: tf.Tensor3D; h: tf.Tensor2D; c: tf.Tensor2D | null } {
  const steps = tf.unstack(x, 1) as tf.Tensor2D[];
  let h = h0;
  let c = c0;
  const hiddenStates: tf.Tensor2D[] = [];
  steps.forEach((xt, t) => {
    if (kind === "lstm") ({ h, c } = lstmCell(xt, h, c as tf.Tensor2D, w));
    else if (kind === "gru") h = gruCell(xt, h, w);
    else h = rnnCell(xt, h, w, kind === "rnn_tanh" ? "tanh" : "relu");
    if (probes) h = tf.add(h, probes[t]);
    hiddenStates.push(h);
  });
  return { output: tf.stack(hiddenStates, 1) as tf.Tensor3D, h, c };
}
