/**
 * Training the lecture's MLP-RNN (nn/mlp-rnn.ts) along one series: the loop over time unrolled, and
 * tfjs differentiating through it, backpropagation through time. One update every N time steps: the
 * memory reached is carried into the next N steps, its gradient is not (truncated BPTT, as in
 * ./truncated-bptt.ts for batches of sequences).
 *
 * Differences from the lecture's PyTorch code, on purpose: there, `torch.tensor([inputs, hidden])`
 * copies the memory into a new tensor, which cuts the gradient between time steps (each step is
 * trained as if the memory were data), and the memory is carried over from one epoch to the next.
 * Here the gradient flows through the N steps of an update, and each epoch starts from zero memory.
 */
import * as tf from "@tensorflow/tfjs";
import { check, checkOptions } from "../errors";
import { clipGradNorm } from "../nn/clip";
import { mseLoss } from "../nn/functional";
import { MLPRNN, isSeries, runMLPRNN } from "../nn/mlp-rnn";
import { Adam, Optimizer } from "../nn/optim";
import { cellSignal, stopIfInterrupted } from "./interrupt";
import { stopIfNotFinite } from "./not-finite";
import { Clock, Progress, formatLoss, nextTick } from "./progress";

export interface MLPRNNTrainOptions {
  epochs: number;
  /** Learning rate of the Adam optimiser made when no `optimizer` is given (default 1e-3). */
  lr?: number;
  optimizer?: Optimizer;
  /** One parameter update every N time steps (truncated BPTT; the memory, not its gradient, is
   *  carried over). Default: the whole series, one update per epoch, as in the lecture. */
  updateEvery?: number;
  /** Clip the gradients' total norm to this value at every update. */
  clip?: number;
  onEpoch?: (record: MLPRNNEpoch) => void;
  /** false: print and display nothing (default true). */
  verbose?: boolean;
}

/** One row of the history trainMLPRNN returns: the epoch's mean loss over the whole series. */
export interface MLPRNNEpoch {
  epoch: number;
  loss: number;
  /** Duration of the epoch in milliseconds. */
  ms: number;
}

/**
 * Trains the model to predict x_{t+1} from x_t and its memory, along `series`. Each epoch starts
 * from zero memory, walks the series in order, averages the squared errors of every N steps into
 * one loss and makes one update per N steps. Returns the history, one row per epoch.
 */
export async function trainMLPRNN(
  model: MLPRNN,
  series: ArrayLike<number>,
  options: MLPRNNTrainOptions,
): Promise<MLPRNNEpoch[]> {
  const steps = checkArguments(model, series, options);
  const { epochs, clip, onEpoch, verbose = true, updateEvery = steps } = options;
  const optimizer = options.optimizer ?? new Adam(model, { lr: options.lr ?? 1e-3 });
  const clock = new Clock(epochs * Math.ceil(steps / updateEvery));
  const progress = new Progress(verbose);
  const interrupted = cellSignal();
  const history: MLPRNNEpoch[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const started = Date.now();
      let memory = model.zeroMemory();
      let total = 0;
      try {
        for (let start = 0; start < steps; start += updateEvery) {
          const end = Math.min(start + updateEvery, steps);
          const at = `epoch ${epoch}, time steps ${start + 1}-${end}`;
          stopIfInterrupted(interrupted, at); // the weights stay those of the last update done
          const update = updateOnSteps(model, optimizer, series, start, end, memory, clip, at);
          memory.dispose();
          memory = update.memory;
          total += update.loss * (end - start);
          clock.tick();
          const status = `step ${end}/${steps}  loss ${formatLoss(update.loss)}  ${clock}`;
          if (progress.update(`epoch ${epoch}/${epochs}  ${status}`)) await nextTick();
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
 * One update from the time steps [start, end), from the memory reached so far: forward through
 * those steps, the mean squared error of their predictions, backward through the same steps and no
 * further, the stop on a NaN loss, clipping when asked, the optimiser's step. Returns the loss and
 * the memory after the last step, a plain tensor: the next update's gradient stops there.
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
  let next: tf.Tensor2D | undefined;
  try {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const run = runMLPRNN(model, inputs, memory); // forward
        next = tf.keep(run.memory);
        return mseLoss(run.predictions, tf.tensor1d(targets)); // loss
      }, optimizer.parameters); // backward
      const loss = value.dataSync()[0];
      stopIfNotFinite("loss", loss, at);
      if (clip !== undefined) stopIfNotFinite("gradient norm", clipGradNorm(grads, clip), at);
      optimizer.step(grads);
      return loss;
    });
    return { loss, memory: next! };
  } catch (error) {
    next?.dispose();
    throw error;
  }
}

/** Checks trainMLPRNN's arguments; returns the number of time steps with a target. */
function checkArguments(model: MLPRNN, series: ArrayLike<number>, options: MLPRNNTrainOptions) {
  check(model instanceof MLPRNN, "model", "an MLPRNN", model);
  const enough = isSeries(series) && series.length >= 2;
  check(enough, "series", "an array of at least 2 numbers", series);
  const accepted = ["epochs", "lr", "optimizer", "updateEvery", "clip", "onEpoch", "verbose"];
  checkOptions(options, accepted, "trainMLPRNN options");
  const { epochs, lr, updateEvery = 1 } = options;
  check(Number.isInteger(epochs) && epochs > 0, "epochs", "a positive integer", epochs);
  check(lr === undefined || (Number.isFinite(lr) && lr > 0), "lr", "a positive learning rate", lr);
  const perUpdate = "a positive integer (time steps per update)";
  check(Number.isInteger(updateEvery) && updateEvery > 0, "updateEvery", perUpdate, updateEvery);
  return series.length - 1;
}
