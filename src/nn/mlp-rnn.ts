/**
 * The lecture's first recurrent model: a plain MLP given the current value x_t AND a memory vector h_t,
 * returning a prediction y_t (for x_{t+1}) AND the next memory h_{t+1}. Run along a series with a loop over
 * time, the memory is the only way information from earlier values reaches later predictions.
 *
 *   Linear(1 + l, 32) → ReLU → Linear(32, 8) → ReLU → Linear(8, 1 + l),  l = memory size (lecture: 1)
 *
 * Training unrolls that loop and lets tfjs differentiate through it: backpropagation through time.
 * Differences from the lecture's PyTorch code, on purpose: there, `torch.tensor([inputs, hidden])` copies
 * the memory into a new tensor, which cuts the gradient between time steps (each step is trained as if the
 * memory were data), and the memory is carried over from one epoch to the next. Here the gradient flows
 * through the whole unrolled loop, and every epoch starts from zero memory.
 */
import * as tf from "@tensorflow/tfjs";
import { check, checkOptions } from "../errors";
import { cellSignal, stopIfInterrupted } from "../training/interrupt";
import { Clock, Progress, formatLoss, nextTick } from "../training/progress";
import { ReLU } from "./activations";
import { Linear } from "./linear";
import { mseLoss } from "./functional";
import { Module } from "./module";
import { Adam, Optimizer } from "./optim";
import { Sequential } from "./sequential";

export class MLPRNN extends Module {
  readonly layers: Sequential;

  constructor(readonly memorySize = 1) {
    super();
    check(Number.isInteger(memorySize) && memorySize > 0, "memorySize", "a positive integer", memorySize);
    const width = 1 + memorySize;
    this.layers = this.addModule(
      "layers",
      new Sequential(new Linear(width, 32), new ReLU(), new Linear(32, 8), new ReLU(), new Linear(8, width)),
    );
  }

  /** x: [batch, 1] (x_t), memory: [batch, l] (h_t) → [y_t [batch, 1], h_{t+1} [batch, l]]. */
  forward(x: tf.Tensor, memory: tf.Tensor): [tf.Tensor, tf.Tensor] {
    check(x instanceof tf.Tensor && x.rank === 2 && x.shape[1] === 1, "x", "a tensor of shape [batch, 1]", x);
    const expected = `a tensor of shape [${x.shape[0]}, ${this.memorySize}] (batch, memory size)`;
    check(memory instanceof tf.Tensor && memory.rank === 2 && memory.shape[0] === x.shape[0] && memory.shape[1] === this.memorySize, "memory", expected, memory);
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
 * Runs the model along `inputs` (x_1 ... x_T), one value per time step, starting from `memory` (zero by
 * default). Returns the predictions y_1 ... y_T as a [T] tensor (y_t guesses x_{t+1}) and the final memory;
 * the caller disposes both.
 */
export function runMLPRNN(model: MLPRNN, inputs: ArrayLike<number>, memory?: tf.Tensor): { predictions: tf.Tensor1D; memory: tf.Tensor2D } {
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
    return { predictions: tf.concat(predictions).reshape([-1]) as tf.Tensor1D, memory: h as tf.Tensor2D };
  });
}

export interface MLPRNNTrainOptions {
  epochs: number;
  /** Learning rate of the Adam optimiser created when no `optimizer` is given (default 1e-3). */
  lr?: number;
  optimizer?: Optimizer;
  /** One parameter update every N time steps (truncated BPTT; the memory, not its gradient, is carried
   *  over). Default: the whole series, one update per epoch, as in the lecture. */
  updateEvery?: number;
  /** Clip the gradients' total norm to this value at every update. */
  clip?: number;
  onEpoch?: (record: { epoch: number; loss: number; ms: number }) => void;
  /** false: print and display nothing (default true). */
  verbose?: boolean;
}

/**
 * Trains the model to predict x_{t+1} from x_t and its memory, along `series`. Each epoch starts from zero
 * memory, walks the series in order, averages the squared errors of every N steps into one loss and makes
 * one update per N steps. Returns the history: each epoch's mean loss over the whole series.
 */
export async function trainMLPRNN(model: MLPRNN, series: ArrayLike<number>, options: MLPRNNTrainOptions): Promise<{ epoch: number; loss: number; ms: number }[]> {
  check(model instanceof MLPRNN, "model", "an MLPRNN", model);
  check(isSeries(series) && series.length >= 2, "series", "an array of at least 2 numbers", series);
  const steps = series.length - 1;
  checkOptions(options, ["epochs", "lr", "optimizer", "updateEvery", "clip", "onEpoch", "verbose"], "trainMLPRNN options");
  const { epochs, lr, clip, onEpoch, verbose = true, updateEvery = steps } = options;
  check(Number.isInteger(epochs) && epochs > 0, "epochs", "a positive integer", epochs);
  check(lr === undefined || (Number.isFinite(lr) && lr > 0), "lr", "a positive learning rate", lr);
  check(Number.isInteger(updateEvery) && updateEvery > 0, "updateEvery", "a positive integer (time steps per update)", updateEvery);
  const optimizer = options.optimizer ?? new Adam(model, { lr: lr ?? 1e-3 });
  const chunks = Math.ceil(steps / updateEvery);
  const clock = new Clock(epochs * chunks);
  const progress = new Progress(verbose);
  const interrupted = cellSignal();
  const history: { epoch: number; loss: number; ms: number }[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const started = Date.now();
      let memory = model.zeroMemory();
      let total = 0;
      try {
        for (let start = 0; start < steps; start += updateEvery) {
          const end = Math.min(start + updateEvery, steps);
          stopIfInterrupted(interrupted, `epoch ${epoch}, time steps ${start + 1}-${end}`);
          const update = updateOnSteps(model, optimizer, series, start, end, memory, clip, `epoch ${epoch}, time steps ${start + 1}-${end}`);
          memory.dispose();
          memory = update.memory;
          total += update.loss * (end - start);
          clock.tick();
          if (progress.update(`epoch ${epoch}/${epochs}  step ${end}/${steps}  loss ${formatLoss(update.loss)}  ${clock}`)) await nextTick();
        }
      } finally {
        memory.dispose();
      }
      const record = { epoch, loss: total / steps, ms: Date.now() - started };
      history.push(record);
      onEpoch?.(record);
      progress.commit(`epoch ${epoch}/${epochs}  loss ${formatLoss(record.loss)}  ${clock}`);
      await nextTick();
    }
  } finally {
    if (!options.optimizer) optimizer.dispose();
  }
  return history;
}

/**
 * One update from the time steps [start, end): predicts x_{start+1} ... x_end from the memory reached so far,
 * averages the squared errors, backpropagates through those steps and applies the optimiser. Returns the
 * loss and the memory after the last step, as a plain tensor (the gradient stops there).
 */
function updateOnSteps(
  model: MLPRNN,
  optimizer: Optimizer,
  series: ArrayLike<number>,
  start: number,
  end: number,
  memory: tf.Tensor,
  clip: number | undefined,
  at: string,
): { loss: number; memory: tf.Tensor2D } {
  const inputs = Array.from({ length: end - start }, (_, i) => series[start + i]);
  const targets = Array.from({ length: end - start }, (_, i) => series[start + i + 1]);
  let next = undefined as tf.Tensor2D | undefined;
  try {
    const loss = optimizer.step(() => {
      const run = runMLPRNN(model, inputs, memory);
      next = tf.keep(run.memory);
      return mseLoss(run.predictions, tf.tensor1d(targets));
    }, { clip, at });
    return { loss, memory: next! };
  } catch (e) {
    next?.dispose();
    throw e;
  }
}

function isSeries(values: unknown): values is ArrayLike<number> {
  return (Array.isArray(values) || ArrayBuffer.isView(values)) && Array.from(values as ArrayLike<unknown>).every((v) => typeof v === "number");
}
