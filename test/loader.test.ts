import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { DataLoader } from "../src/data/loader";
import { seed } from "../src/seed";
import { sinusoid } from "../src/data/series";
import { chronologicalSplit } from "../src/data/split";
import { historyWindows, sequenceWindows } from "../src/data/windows";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** Every batch of one epoch as plain arrays (the loader disposes the tensors itself). */
function epoch(loader: DataLoader): { inputs: number[][][]; targets: number[][][] } {
  const out = { inputs: [] as number[][][], targets: [] as number[][][] };
  for (const [inputs, targets] of loader) {
    out.inputs.push(inputs.arraySync() as number[][]);
    out.targets.push(targets.arraySync() as number[][]);
  }
  return out;
}

describe("DataLoader", () => {
  const windows = historyWindows(sinusoid(1000, 50), 2); // 998 windows

  it("cuts batches of [batch, L] and [batch, 1]; length is the number of batches", () => {
    const loader = new DataLoader(windows, { batchSize: 32 });
    expect(loader.length).toBe(32); // ceil(998 / 32)
    const shapes = [...loader].length;
    expect(shapes).toBe(32);
    const { inputs, targets } = epoch(loader);
    expect(inputs[0].length).toBe(32);
    expect(inputs[31].length).toBe(998 - 31 * 32);
    expect(inputs[0][3][0]).toBeCloseTo(0.3681, 4);
    expect(targets[0][3]).toHaveLength(1);
    expect(targets[0][3][0]).toBeCloseTo(0.5878, 4);
  });

  it("drops the short last batch with dropLast", () => {
    const loader = new DataLoader(windows, { batchSize: 32, dropLast: true });
    expect(loader.length).toBe(31);
    expect(epoch(loader).inputs.every((b) => b.length === 32)).toBe(true);
  });

  it("adds a feature axis for recurrent models: sequence targets get it, history targets do not", () => {
    const sequences = new DataLoader(sequenceWindows(sinusoid(200, 50), 50), { batchSize: 8, featureAxis: true });
    const [x, y] = sequences.first();
    expect(x.shape).toEqual([8, 50, 1]);
    expect(y.shape).toEqual([8, 50, 1]);
    expect(x.dtype).toBe("float32");
    tf.dispose([x, y]);
    const history = new DataLoader(windows, { batchSize: 8, featureAxis: true });
    const [hx, hy] = history.first();
    expect(hx.shape).toEqual([8, 2, 1]);
    expect(hy.shape).toEqual([8, 1]);
    tf.dispose([hx, hy]);
  });

  it("does not leak tensors: a full epoch and a broken-off loop leave none behind", () => {
    const loader = new DataLoader(windows, { batchSize: 100, shuffle: true });
    const before = tf.memory().numTensors;
    for (const [inputs] of loader) inputs.sum().dispose();
    expect(tf.memory().numTensors).toBe(before);
    for (const [inputs] of loader) {
      expect(inputs.isDisposed).toBe(false);
      break;
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it("disposes each batch when the next one is requested", () => {
    const iterator = new DataLoader(windows, { batchSize: 100 })[Symbol.iterator]();
    const first = iterator.next().value!;
    iterator.next();
    expect(first[0].isDisposed).toBe(true);
    iterator.return!();
  });

  it("repeats the same shuffled batches after the same seed, and another seed gives another order", () => {
    const loader = new DataLoader(windows, { batchSize: 32, shuffle: true });
    seed(27);
    const a = epoch(loader);
    seed(27);
    const b = epoch(new DataLoader(windows, { batchSize: 32, shuffle: true }));
    seed(28);
    const c = epoch(loader);
    expect(b).toEqual(a);
    expect(c.inputs[0]).not.toEqual(a.inputs[0]);
    const unshuffled = epoch(new DataLoader(windows, { batchSize: 32 }));
    expect(a.inputs[0]).not.toEqual(unshuffled.inputs[0]);
    // Same windows, different order.
    const sorted = (e: typeof a) => e.inputs.flat().map((w) => w.join()).sort();
    expect(sorted(a)).toEqual(sorted(unshuffled));
  });

  it("never mixes splits: shuffled training batches hold training windows only", () => {
    const positions = Array.from({ length: 300 }, (_, i) => i); // a value tells its position
    const split = chronologicalSplit(positions, { train: 0.6, validation: 0.2 }, 10);
    const loader = new DataLoader(sequenceWindows(split.train, 10), { batchSize: 16, shuffle: true });
    seed(1);
    const { inputs, targets } = epoch(loader);
    const seen = new Set([...inputs.flat(2), ...targets.flat(2)]);
    expect(Math.max(...seen)).toBe(split.start.validation - 1);
    expect(seen.size).toBe(split.start.validation);
  });

  it("rejects a batch size of 0, too large a batch with dropLast, and empty windows", () => {
    expect(() => new DataLoader(windows, { batchSize: 0 })).toThrow("batchSize: expected a positive integer, received 0");
    expect(() => new DataLoader(historyWindows([1, 2, 3], 1), { batchSize: 4, dropLast: true })).toThrow(
      "batchSize: expected at most 2 (the number of windows) when dropLast is set, received 4",
    );
    expect(() => new DataLoader({ kind: "history", inputs: [], targets: [], start: [], lookback: 1 })).toThrow(/^windows: expected/);
  });
});
