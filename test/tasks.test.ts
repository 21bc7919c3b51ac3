import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ArgumentError } from "../src/errors";
import { DataLoader } from "../src/data/loader";
import { seed } from "../src/seed";
import { echoWindows, recallWindows } from "../src/data/tasks";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("recallWindows", () => {
  it("opens every sequence with a ±1 signal that is also its only target, then lag noise steps", () => {
    seed(1);
    const w = recallWindows({ count: 200, lag: 7, noise: 0.5 });
    expect(w.kind).toBe("history");
    expect(w.lookback).toBe(8);
    expect(w.inputs).toHaveLength(200);
    for (const [k, input] of w.inputs.entries()) {
      expect(input).toHaveLength(8);
      expect([-1, 1]).toContain(input[0]);
      expect(w.targets[k]).toEqual([input[0]]);
      expect(w.start[k]).toBe(k * 8);
    }
    const signs = w.inputs.map((i) => i[0]);
    expect(signs.filter((s) => s > 0).length).toBeGreaterThan(70); // a fair coin, not a constant
    expect(signs.filter((s) => s < 0).length).toBeGreaterThan(70);
    const noise = w.inputs.flatMap((i) => i.slice(1));
    const sd = Math.sqrt(noise.reduce((a, v) => a + v * v, 0) / noise.length);
    expect(sd).toBeGreaterThan(0.45);
    expect(sd).toBeLessThan(0.55);
  });

  it("repeats after the same seed, and noise 0 leaves only the signal", () => {
    seed(5);
    const a = recallWindows({ count: 10, lag: 3 });
    seed(5);
    expect(recallWindows({ count: 10, lag: 3 })).toEqual(a);
    expect(recallWindows({ count: 5, lag: 4, noise: 0 }).inputs.every((i) => i.slice(1).every((v) => v === 0))).toBe(true);
  });

  it("batches through DataLoader as [B, lag+1, 1] → [B, 1]", () => {
    const loader = new DataLoader(recallWindows({ count: 6, lag: 4 }), { batchSize: 6, featureAxis: true });
    const [x, y] = loader.first();
    expect(x.shape).toEqual([6, 5, 1]);
    expect(y.shape).toEqual([6, 1]);
    tf.dispose([x, y]);
  });

  it("names the bad argument", () => {
    expect(() => recallWindows({ count: 0, lag: 3 })).toThrow(ArgumentError);
    expect(() => recallWindows({ count: 4, lag: -1 })).toThrow(/lag: expected an integer >= 0/);
    expect(() => recallWindows({ count: 4, lag: 2, noise: -1 })).toThrow(/noise/);
  });
});

describe("echoWindows", () => {
  it("targets the input delay steps earlier, and 0 before that", () => {
    seed(2);
    const w = echoWindows({ count: 20, steps: 12, delay: 3 });
    expect(w.kind).toBe("sequence");
    for (const [k, input] of w.inputs.entries()) {
      expect(input.every((v) => v === 1 || v === -1)).toBe(true);
      expect(w.targets[k].slice(0, 3)).toEqual([0, 0, 0]);
      expect(w.targets[k].slice(3)).toEqual(input.slice(0, 9));
    }
    expect(new Set(w.inputs.map((i) => i.join())).size).toBe(20);
  });

  it("delay 0 echoes the current input; a delay as long as the sequence is an error", () => {
    const w = echoWindows({ count: 3, steps: 5, delay: 0 });
    expect(w.targets).toEqual(w.inputs);
    expect(() => echoWindows({ count: 3, steps: 5, delay: 5 })).toThrow(/delay: expected an integer in \[0, 4\]/);
  });
});
