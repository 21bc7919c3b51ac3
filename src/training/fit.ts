/**
 * fit: the training loop of the lecture, for any model whose forward(x) maps a batch of inputs to
 * predictions shaped like its targets. For each epoch, for each batch, one line each: forward,
 * loss, backward, the stop on a NaN loss, gradient clipping (when asked) and the optimiser's step.
 * Around them: validation, early stopping and live progress.
 *
 *   const history = await fit(model, loader, { epochs: 20, lr: 0.01, validation: valLoader });
 *
 * It is async so a notebook's progress output can refresh between steps, and an interrupted cell
 * stops it before its next step (./interrupt.ts). Every tensor it creates is freed; the batches are
 * the loader's to free.
 */
import * as tf from "@tensorflow/tfjs";
import { check, checkOptions } from "../errors";
import { clipGradNorm } from "../nn/clip";
import { mseLoss } from "../nn/functional";
import { Module } from "../nn/module";
import { Adam, Optimizer } from "../nn/optim";
import { BestWeights } from "./early-stopping";
import { cellSignal, stopIfInterrupted } from "./interrupt";
import { stopIfNotFinite } from "./not-finite";
import { Clock, Progress, formatLoss, nextTick } from "./progress";

/**
 * Batches as the DataLoader yields them: `[inputs, targets]`, `length` of them per epoch. They
 * belong to the loader: it disposes each one when the next is requested or the loop ends, as
 * DataLoader does (an array of batches made once is kept as it is).
 */
export interface Batches {
  readonly length: number;
  [Symbol.iterator](): Iterator<readonly [tf.Tensor, tf.Tensor]>;
}

export interface FitOptions {
  epochs: number;
  /** Learning rate of the Adam optimiser made when no `optimizer` is given (default 1e-3). */
  lr?: number;
  optimizer?: Optimizer;
  /** Clip the gradients' total norm to this value at every step. */
  clip?: number;
  /** Batches whose mean loss is measured after every epoch (no gradients, model in eval mode). */
  validation?: Batches;
  /** Stop once the validation loss has not improved by more than `minDelta` (default 0) for
   *  `patience` epochs; the weights of the best epoch are then put back. */
  earlyStopping?: { patience: number; minDelta?: number };
  onEpoch?: (record: EpochRecord) => void;
  /** false: print and display nothing (default true). */
  verbose?: boolean;
}

/** One row of the history fit returns, ready to plot. Losses are means over every target value. */
export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  valLoss: number | null;
  /** Duration of the epoch, validation included, in milliseconds. */
  ms: number;
}

export async function fit(
  model: Module,
  loader: Batches,
  options: FitOptions,
): Promise<EpochRecord[]> {
  checkFitArguments(model, loader, options);
  const { epochs, clip, validation, earlyStopping, onEpoch, verbose = true } = options;
  const optimizer = options.optimizer ?? new Adam(model, { lr: options.lr ?? 1e-3 });
  const best =
    earlyStopping && new BestWeights(model, earlyStopping.patience, earlyStopping.minDelta ?? 0);
  const clock = new Clock(epochs * loader.length);
  const progress = new Progress(verbose);
  const wasTraining = model.training;
  const interrupted = cellSignal();
  const history: EpochRecord[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const started = Date.now();
      const trainLoss = new MeanLoss();
      model.train();
      let step = 0;
      for (const [x, y] of loader) {
        const at = `epoch ${epoch}, step ${++step}`;
        stopIfInterrupted(interrupted, at); // the weights stay those of the last step done
        const loss = tf.tidy(() => {
          // tidy frees every tensor the step makes, the loss and the gradients included
          const { value, grads } = tf.variableGrads(() => {
            const prediction = predict(model, x); // forward
            return mseLoss(prediction, y); // loss
          }, optimizer.parameters); // backward: the loss's gradient for every parameter
          const loss = value.dataSync()[0];
          stopIfNotFinite("loss", loss, at); // before the update, which a NaN would spoil
          if (clip !== undefined) stopIfNotFinite("gradient norm", clipGradNorm(grads, clip), at);
          optimizer.step(grads);
          return loss;
        });
        trainLoss.add(loss, y);
        clock.tick();
        const status = `step ${step}/${loader.length}  loss ${formatLoss(loss)}  ${clock}`;
        if (progress.update(`epoch ${epoch}/${epochs}  ${status}`)) await nextTick();
      }
      const valLoss = validation ? evaluate(model.eval(), validation) : null;
      const record = { epoch, trainLoss: trainLoss.value, valLoss, ms: Date.now() - started };
      history.push(record);
      const stop = best ? best.stopAfter(epoch, valLoss!) : false;
      onEpoch?.(record);
      const val = valLoss === null ? "" : `  val ${formatLoss(valLoss)}`;
      progress.commit(
        `epoch ${epoch}/${epochs}  loss ${formatLoss(record.trainLoss)}${val}  ${clock}`,
      );
      if (stop) break;
      await nextTick();
    }
    if (best) progress.note(best.restore(history.length < epochs));
  } finally {
    if (best) best.dispose();
    if (!options.optimizer) optimizer.dispose();
    model.train(wasTraining);
  }
  return history;
}

/** Mean MSE over every target value of `batches`, without gradients (the model's mode stays). */
export function evaluate(model: Module, batches: Batches): number {
  const loss = new MeanLoss();
  for (const [x, y] of batches)
    loss.add(
      tf.tidy(() => mseLoss(predict(model, x), y).dataSync()[0]),
      y,
    );
  return loss.value;
}

/** The mean loss over every target value seen: each batch's mean, weighted by its target count. */
class MeanLoss {
  private total = 0;
  private count = 0;

  add(batchLoss: number, targets: tf.Tensor): void {
    this.total += batchLoss * targets.size;
    this.count += targets.size;
  }

  get value(): number {
    return this.total / this.count;
  }
}

function predict(model: Module, x: tf.Tensor): tf.Tensor {
  const out = model.forward(x);
  const what = `${model.constructor.name}.forward(x)`;
  check(out instanceof tf.Tensor, what, "one tensor of predictions for fit", out);
  return out;
}

function checkFitArguments(model: Module, loader: Batches, options: FitOptions): void {
  check(model instanceof Module, "model", "a Module (e.g. new Sequential(...))", model);
  check(isBatches(loader), "loader", "batches with a length, e.g. a DataLoader", loader);
  check(loader.length > 0, "loader", "at least one batch", loader.length);
  check(
    typeof options === "object" && options !== null,
    "options",
    "an object such as { epochs: 10 }",
    options,
  );
  checkOptions(
    options,
    ["epochs", "lr", "optimizer", "clip", "validation", "earlyStopping", "onEpoch", "verbose"],
    "fit options",
  );
  const { epochs, lr, optimizer, clip, validation, earlyStopping } = options;
  check(Number.isInteger(epochs) && epochs > 0, "epochs", "a positive integer", epochs);
  check(lr === undefined || (Number.isFinite(lr) && lr > 0), "lr", "a positive learning rate", lr);
  check(
    !(lr !== undefined && optimizer),
    "lr",
    "no learning rate when an optimizer is given (set it on the optimizer)",
    lr,
  );
  check(
    optimizer === undefined || optimizer instanceof Optimizer,
    "optimizer",
    "an optimizer such as new Adam(model, { lr: 0.01 })",
    optimizer,
  );
  check(
    clip === undefined || (Number.isFinite(clip) && clip > 0),
    "clip",
    "a positive number (the largest gradient norm)",
    clip,
  );
  check(
    validation === undefined || (isBatches(validation) && validation.length > 0),
    "validation",
    "batches with a length, e.g. a DataLoader",
    validation,
  );
  if (earlyStopping) {
    checkOptions(earlyStopping, ["patience", "minDelta"], "earlyStopping");
    const { patience, minDelta = 0 } = earlyStopping;
    check(
      validation !== undefined,
      "earlyStopping",
      "a validation set to watch (options.validation)",
      undefined,
    );
    check(
      Number.isInteger(patience) && patience > 0,
      "earlyStopping.patience",
      "a positive integer (epochs)",
      patience,
    );
    check(
      Number.isFinite(minDelta) && minDelta >= 0,
      "earlyStopping.minDelta",
      "a non-negative number",
      minDelta,
    );
  }
}

function isBatches(value: unknown): value is Batches {
  const batches = value as Batches | null;
  return typeof batches?.[Symbol.iterator] === "function" && Number.isInteger(batches.length);
}
