/**
 * The lecture's first recurrent model: a plain MLP given the current value x_t AND a memory vector
 * h_t, returning a prediction y_t (for x_{t+1}) AND the next memory h_{t+1}. Run along a series
 * with a loop over time, the memory is the only way information from earlier values reaches later
 * predictions.
 *
 *   Linear(1 + l, 32) → ReLU → Linear(32, 8) → ReLU → Linear(8, 1 + l),  l = memory size (lecture: 1)
 *
 * Training (trainMLPRNN, training/train-mlp-rnn.ts) unrolls that loop and lets tfjs differentiate
 * through it: backpropagation through time. runMLPRNN keeps the memory's gradient from step to
 * step, where the lecture's PyTorch code (`torch.tensor([inputs, hidden])`) copies the memory and
 * cuts it.
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";
import { ReLU } from "./activations";
import { Linear } from "./linear";
import { Module } from "./module";
import { Sequential } from "./sequential";

export class MLPRNN extends Module {
  readonly layers: Sequential;

  constructor(readonly memorySize = 1) {
    super();
    check(
      Number.isInteger(memorySize) && memorySize > 0,
      "memorySize",
      "a positive integer",
      memorySize,
    );
    const width = 1 + memorySize;
    this.layers = this.addModule(
      "layers",
      new Sequential(
        new Linear(width, 32),
        new ReLU(),
        new Linear(32, 8),
        new ReLU(),
        new Linear(8, width),
      ),
    );
  }

  /** x: [batch, 1] (x_t), memory: [batch, l] (h_t) → [y_t [batch, 1], h_{t+1} [batch, l]]. */
  forward(x: tf.Tensor, memory: tf.Tensor): [tf.Tensor, tf.Tensor] {
    check(
      x instanceof tf.Tensor && x.rank === 2 && x.shape[1] === 1,
      "x",
      "a tensor of shape [batch, 1]",
      x,
    );
    const expected = `a tensor of shape [${x.shape[0]}, ${this.memorySize}] (batch, memory size)`;
    check(
      memory instanceof tf.Tensor &&
        memory.rank === 2 &&
        memory.shape[0] === x.shape[0] &&
        memory.shape[1] === this.memorySize,
      "memory",
      expected,
      memory,
    );
    return tf.tidy(() => {
      const out = this.layers.forward(tf.concat([x, memory], 1));
      return tf.split(out, [1, this.memorySize], 1) as [tf.Tensor, tf.Tensor];
    });
  }

  /** h_0: zero memory for `batch` sequences. */
  zeroMemory(batch = 1): tf.Tensor2D {
    return tf.zeros([batch, this.memorySize]);
  }
}

/**
 * Runs the model along `inputs` (x_1 ... x_T), one value per time step, starting from `memory`
 * (zero by default). Returns the predictions y_1 ... y_T as a [T] tensor (y_t guesses x_{t+1}) and
 * the final memory; the caller disposes both.
 */
export function runMLPRNN(
  model: MLPRNN,
  inputs: ArrayLike<number>,
  memory?: tf.Tensor,
): { predictions: tf.Tensor1D; memory: tf.Tensor2D } {
  check(model instanceof MLPRNN, "model", "an MLPRNN", model);
  check(isSeries(inputs) && inputs.length > 0, "inputs", "a non-empty array of numbers", inputs);
  return tf.tidy(() => {
    let h = memory ?? model.zeroMemory();
    const predictions: tf.Tensor[] = [];
    for (let t = 0; t < inputs.length; t++) {
      const [y, next] = model.forward(tf.tensor2d([[inputs[t]]]), h);
      predictions.push(y);
      h = next;
    }
    return {
      predictions: tf.concat(predictions).reshape([-1]) as tf.Tensor1D,
      memory: h as tf.Tensor2D,
    };
  });
}

export function isSeries(values: unknown): values is ArrayLike<number> {
  return (
    (Array.isArray(values) || ArrayBuffer.isView(values)) &&
    Array.from(values as ArrayLike<unknown>).every((v) => typeof v === "number")
  );
}
