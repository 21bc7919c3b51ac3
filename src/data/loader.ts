// Batches of windows as tfjs tensors, like PyTorch's DataLoader.
import * as tf from "@tensorflow/tfjs";
import { check, checkOptions } from "../errors";
import { shuffle as shuffleInPlace } from "../seed";
import { Windows } from "./windows";

/** Options of `new DataLoader(windows, options)`. */
export interface DataLoaderOptions {
  /** Windows per batch (default 32). */
  batchSize?: number;
  /**
   * Reorder windows at the start of every epoch, drawing from the global generator of `seed`
   * (default false).
   */
  shuffle?: boolean;
  /** Skip the last batch when it is smaller than `batchSize` (default false). */
  dropLast?: boolean;
  /**
   * Add a trailing axis of size 1: [batch, L, 1], the shape recurrent layers take (default false).
   */
  featureAxis?: boolean;
}

/** One batch: inputs and targets as float32 tensors. */
export type Batch = [inputs: tf.Tensor, targets: tf.Tensor];

/**
 * DataLoader: PyTorch's loader for our windows. It cuts a set of windows into batches and hands
 * each batch over as two tfjs tensors, `[inputs, targets]`:
 *   history windows:  inputs [batch, L]  targets [batch, h]  (h = 1 from historyWindows, the horizon from horizonWindows)
 *   sequence windows: inputs [batch, L]  targets [batch, L]
 * With `featureAxis: true` (what recurrent layers expect) inputs become [batch, L, 1], and so do
 * sequence targets; history targets stay [batch, h] (h predictions per window, made after reading
 * all of it).
 *
 * Build it on the windows of the training part only: shuffling then reorders training windows among
 * themselves and can never bring a validation or test window into a training batch.
 *
 * Who disposes the tensors: the loader. In `for (const [x, y] of loader)`, each batch is disposed
 * when the next one is requested and the last one when the loop ends (also on `break` or a thrown
 * error). Use a batch inside its loop step; `tf.clone` it to keep it longer (so `[...loader]` gives
 * disposed tensors). `first()` is the exception: its batch is yours to dispose.
 */
export class DataLoader implements Iterable<Batch> {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  readonly featureAxis: boolean;

  constructor(
    readonly windows: Windows,
    options: DataLoaderOptions = {},
  ) {
    check(
      Array.isArray(windows?.inputs) && windows.inputs.length > 0,
      "windows",
      "windows from historyWindows or sequenceWindows (at least one)",
      windows,
    );
    checkOptions(
      options,
      ["batchSize", "shuffle", "dropLast", "featureAxis"],
      "DataLoader options",
    );
    const { batchSize = 32, shuffle = false, dropLast = false, featureAxis = false } = options;
    check(
      Number.isInteger(batchSize) && batchSize > 0,
      "batchSize",
      "a positive integer",
      batchSize,
    );
    for (const [name, flag] of Object.entries({ shuffle, dropLast, featureAxis })) {
      check(typeof flag === "boolean", name, "true or false", flag);
    }
    const count = windows.inputs.length;
    check(
      !dropLast || batchSize <= count,
      "batchSize",
      `at most ${count} (the number of windows) when dropLast is set`,
      batchSize,
    );
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    this.featureAxis = featureAxis;
  }

  /** Number of batches in one epoch (PyTorch's `len(dataloader)`). */
  get length(): number {
    const count = this.windows.inputs.length;
    return this.dropLast ? Math.floor(count / this.batchSize) : Math.ceil(count / this.batchSize);
  }

  /**
   * One epoch of batches; the loader disposes each batch when the next is requested or the loop
   * ends.
   */
  *[Symbol.iterator](): Iterator<Batch> {
    const order = this.epochOrder();
    let batch: Batch | undefined;
    try {
      for (let b = 0; b < this.length; b++) {
        if (batch) tf.dispose(batch);
        batch = this.batch(order.slice(b * this.batchSize, (b + 1) * this.batchSize));
        yield batch;
      }
    } finally {
      if (batch) tf.dispose(batch);
    }
  }

  /**
   * The first batch of a fresh epoch (Python's `next(iter(dataloader))`). The caller disposes it.
   */
  first(): Batch {
    return this.batch(this.epochOrder().slice(0, this.batchSize));
  }

  /** Window indices in the order of this epoch: 0 .. count-1, shuffled if asked. */
  private epochOrder(): number[] {
    const order = [...this.windows.inputs.keys()];
    return this.shuffle ? shuffleInPlace(order) : order;
  }

  /** Stacks the chosen windows into float32 tensors of the documented shapes. */
  private batch(indices: number[]): Batch {
    const { inputs, targets, kind } = this.windows;
    const stack = (rows: number[][], withAxis: boolean) => {
      const width = rows[indices[0]].length;
      const data = new Float32Array(indices.length * width);
      indices.forEach((w, i) => data.set(rows[w], i * width));
      return tf.tensor(data, withAxis ? [indices.length, width, 1] : [indices.length, width]);
    };
    return [
      stack(inputs, this.featureAxis),
      stack(targets, this.featureAxis && kind === "sequence"),
    ];
  }
}
