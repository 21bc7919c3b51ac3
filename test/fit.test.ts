import * as tf from "@tensorflow/tfjs";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Adam, ArgumentError, Batches, DataLoader, historyWindows, sinusoid, Linear, Module, ReLU, Sequential, evaluate, fit, seed, shuffle } from "../src";
import { InterruptedError } from "../src/training/interrupt";
import { formatDuration, formatLoss } from "../src/training/progress";
import { fakeKernel } from "./fake-kernel";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const kernel = fakeKernel();
afterEach(() => {
  vi.restoreAllMocks();
  kernel.leave();
  delete (globalThis as Record<symbol, unknown>)[CELL_SIGNAL];
});

const sine = (i: number) => Math.sin((2 * Math.PI * i) / 50);

/**
 * History windows of 2 → next value, batched like the DataLoader: fresh tensors for every batch, each disposed
 * when the next is requested or the loop ends (the batches are the loader's to free, as fit expects).
 */
function windows(count: number, batchSize: number, { shuffled = false, sign = 1, nanAt = -1 } = {}): Batches {
  const starts = [...Array(count).keys()];
  return {
    length: Math.ceil(count / batchSize),
    *[Symbol.iterator]() {
      const order = shuffled ? shuffle([...starts]) : starts;
      let batch: readonly [tf.Tensor, tf.Tensor] | undefined;
      try {
        for (let b = 0; b * batchSize < count; b++) {
          if (batch) tf.dispose([...batch]);
          const rows = order.slice(b * batchSize, (b + 1) * batchSize);
          const y = rows.map((i) => [b === nanAt ? NaN : sign * sine(i + 2)]);
          batch = [tf.tensor2d(rows.map((i) => [sine(i), sine(i + 1)])), tf.tensor2d(y)] as const;
          yield batch;
        }
      } finally {
        if (batch) tf.dispose([...batch]);
      }
    },
  };
}

/** As in a cell of the course's kernel, which gives each cell an interrupt signal (tools/kernel/protocol.js). */
const CELL_SIGNAL = Symbol.for("rnn-course.kernel.cellSignal");
const inCellOfCourseKernel = (signal: AbortSignal) => ((globalThis as Record<symbol, unknown>)[CELL_SIGNAL] = () => signal);

const dnn = () => new Sequential(new Linear(2, 32), new ReLU(), new Linear(32, 8), new ReLU(), new Linear(8, 1));
const weights = (model: Module) => model.parameters().flatMap((p) => Array.from(p.dataSync()));

describe("fit", () => {
  it("trains: the loss falls, and the history has one row per epoch", async () => {
    seed(3);
    const history = await fit(dnn(), windows(128, 32), { epochs: 15, lr: 0.01, validation: windows(32, 32), verbose: false });
    expect(history.map((r) => r.epoch)).toEqual([...Array(15).keys()].map((i) => i + 1));
    expect(history[14].trainLoss).toBeLessThan(history[0].trainLoss / 5);
    expect(history.every((r) => r.valLoss !== null && r.ms >= 0)).toBe(true);
  });

  it("is deterministic: two seeded runs give identical losses, another seed different ones", async () => {
    const run = async (n: number) => {
      seed(n);
      const model = dnn();
      const history = await fit(model, windows(96, 16, { shuffled: true }), { epochs: 3, lr: 0.01, verbose: false });
      return history.map((r) => r.trainLoss);
    };
    const first = await run(21);
    expect(await run(21)).toEqual(first);
    expect(await run(22)).not.toEqual(first);
  });

  it("frees every intermediate tensor: the count is the same after 100 steps as after 1", async () => {
    seed(4);
    const model = dnn();
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await fit(model, windows(32, 32), {
      epochs: 100,
      lr: 0.01,
      clip: 1,
      validation: windows(16, 8),
      earlyStopping: { patience: 100 },
      verbose: false,
      onEpoch: () => counts.push(tf.memory().numTensors),
    });
    expect(counts).toHaveLength(100);
    expect(counts[99]).toBe(counts[0]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("stops early when the validation loss stops improving and puts back the best weights", async () => {
    seed(5);
    const model = dnn();
    const snapshots: number[][] = [];
    const validation = windows(32, 32, { sign: -1 }); // the opposite relation: learning the training data hurts it
    const history = await fit(model, windows(64, 16), {
      epochs: 60,
      lr: 0.01,
      validation,
      earlyStopping: { patience: 3 },
      verbose: false,
      onEpoch: () => snapshots.push(weights(model)),
    });
    expect(history.length).toBeLessThan(60);
    const losses = history.map((r) => r.valLoss!);
    const best = losses.indexOf(Math.min(...losses));
    expect(history.length).toBe(best + 1 + 3);
    expect(weights(model)).toEqual(snapshots[best]);
    expect(evaluate(model, validation)).toBeCloseTo(losses[best], 6);
  });

  it("stops before its next step once the cell running it is interrupted, freeing what it made", async () => {
    const cell = new AbortController();
    inCellOfCourseKernel(cell.signal);
    seed(3);
    const model = dnn();
    const before = tf.memory().numTensors;
    const done: number[] = [];
    const onEpoch = ({ epoch }: { epoch: number }) => (done.push(epoch), epoch === 2 && cell.abort());
    const run = fit(model, windows(64, 32), { epochs: 5, lr: 0.01, verbose: false, onEpoch });
    await expect(run).rejects.toThrow(InterruptedError);
    await expect(run).rejects.toThrow(/^interrupted at epoch 3, step 1$/);
    expect(done).toEqual([1, 2]);
    expect(tf.memory().numTensors).toBe(before);
    expect(model.training).toBe(true);
  });

  it("stops on a NaN loss, naming epoch and step, with the weights of the last finite step", async () => {
    seed(6);
    const model = dnn();
    const before = tf.memory().numTensors;
    const run = fit(model, windows(64, 16, { nanAt: 2 }), { epochs: 2, lr: 0.01, verbose: false });
    await expect(run).rejects.toThrow(ArgumentError);
    await expect(run).rejects.toThrow("loss at epoch 1, step 3: expected a finite number, received NaN");
    expect(tf.memory().numTensors).toBe(before);

    seed(6);
    const reference = dnn();
    await fit(reference, windows(32, 16), { epochs: 1, lr: 0.01, verbose: false });
    expect(weights(model)).toEqual(weights(reference));
  });

  it("trains from the course's DataLoader (the lecture's DNN on history windows of 2)", async () => {
    const run = async () => {
      seed(13);
      const model = dnn();
      const loader = new DataLoader(historyWindows(sinusoid(200, 50), 2), { batchSize: 32, shuffle: true });
      const before = tf.memory().numTensors;
      const history = await fit(model, loader, { epochs: 4, lr: 0.01, verbose: false });
      expect(tf.memory().numTensors).toBe(before);
      return history.map((r) => r.trainLoss);
    };
    const losses = await run();
    expect(losses[3]).toBeLessThan(losses[0]);
    expect(await run()).toEqual(losses);
  });

  it("accepts its own optimizer and an array of batches, which it leaves as they are", async () => {
    seed(7);
    const model = dnn();
    const optimizer = new Adam(model, { lr: 0.01 });
    const batch = [tf.tensor2d([[0, 1], [1, 0]]), tf.tensor2d([[1], [0]])] as const;
    const history = await fit(model, [batch, batch], { epochs: 5, optimizer, verbose: false });
    expect(history[4].trainLoss).toBeLessThan(history[0].trainLoss);
    expect(batch[0].isDisposed).toBe(false);
  });

  it("refuses bad options with messages naming them", async () => {
    const model = dnn();
    const data = windows(8, 4);
    await expect(fit(model, data, { epochs: 0 })).rejects.toThrow("epochs: expected a positive integer, received 0");
    await expect(fit(model, data, { epochs: 1, lr: -0.1 })).rejects.toThrow("lr: expected a positive learning rate, received -0.1");
    await expect(fit(model, data, { epochs: 1, earlyStopping: { patience: 2 } })).rejects.toThrow(/^earlyStopping: expected a validation set/);
    await expect(fit(model, [], { epochs: 1 })).rejects.toThrow("loader: expected at least one batch, received 0");
    await expect(fit(model, data, { epochs: 1, lr: 0.1, optimizer: new Adam(model) })).rejects.toThrow(/^lr: expected no learning rate when an optimizer is given/);
    const twoOutputs = new (class extends Module {
      forward(x: tf.Tensor) {
        return [x, x];
      }
    })();
    await expect(fit(twoOutputs, data, { epochs: 1, optimizer: new Adam(model), verbose: false })).rejects.toThrow(/forward\(x\): expected one tensor of predictions/);
  });
});

describe("fit's progress", () => {
  it("prints one line per epoch outside a notebook, nothing when verbose is false", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    seed(8);
    await fit(dnn(), windows(32, 8), { epochs: 3, lr: 0.01 });
    expect(log).toHaveBeenCalledTimes(3);
    expect(String(log.mock.calls[2][0])).toMatch(/^epoch 3\/3 {2}loss \S+ {2}elapsed \S+ {2}ETA 0\.0s$/);
    log.mockClear();
    await fit(dnn(), windows(32, 8), { epochs: 2, verbose: false });
    expect(log).not.toHaveBeenCalled();
  });

  it("updates ONE display in a tslab notebook instead of printing", async () => {
    kernel.enter();
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    seed(9);
    await fit(dnn(), windows(32, 8), { epochs: 3, lr: 0.01, validation: windows(8, 8), earlyStopping: { patience: 5 } });
    const shown = kernel.sent.map((s) => s.content.data["text/plain"]);
    expect(kernel.sent.filter((s) => !s.update)).toHaveLength(1); // one display created, then only updated
    expect(new Set(kernel.sent.map((s) => s.content.transient.display_id)).size).toBe(1);
    expect(log).not.toHaveBeenCalled();
    expect(shown.length).toBeGreaterThanOrEqual(3);
    expect(shown.at(-1)).toMatch(/^epoch 3\/3 {2}loss \S+ {2}val \S+ {2}elapsed .*\nrestored the weights of epoch \d/);
  });

  it("formats durations and losses for people", () => {
    expect([1234, 75_000, 4_000_000].map(formatDuration)).toEqual(["1.2s", "1m 15s", "1h 06m"]);
    expect([0.012345, 3.7041e-6, 0, NaN].map(formatLoss)).toEqual(["0.01235", "3.704e-6", "0.000", "NaN"]);
  });
});
