import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { DataLoader, EveryStepRegressor, GRU, LSTM, evaluate, fit, seed, sequenceWindows, sinusoid } from "../src";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("EveryStepRegressor", () => {
  it("answers at every step: [B, T, I] → [B, T, outputs], with the head applied to each hidden state", () => {
    seed(1);
    const model = new EveryStepRegressor(new LSTM({ inputSize: 2, hiddenSize: 3 }), 4);
    const x = tf.randomNormal([5, 7, 2]);
    const y = model.forward(x);
    expect(y.shape).toEqual([5, 7, 4]);
    const hidden = model.recurrent.forward(x).output;
    const expected = model.head.forward(hidden);
    expect(tf.max(tf.abs(tf.sub(y, expected))).dataSync()[0]).toBe(0);
    expect(model.namedParameters().map(([n]) => n)).toContain("head.weight");
  });

  it("trains with fit on sequence windows (many-to-many next-value prediction)", async () => {
    seed(2);
    const windows = sequenceWindows(sinusoid(200, 20), 20, 5);
    const loader = new DataLoader(windows, { batchSize: 16, shuffle: true, featureAxis: true });
    const model = new EveryStepRegressor(new GRU({ inputSize: 1, hiddenSize: 8 }));
    const before = evaluate(model, loader);
    await fit(model, loader, { epochs: 15, lr: 0.02, verbose: false });
    expect(evaluate(model, loader)).toBeLessThan(before / 5);
  });

  it("rejects something that is not a recurrent layer", () => {
    expect(() => new EveryStepRegressor({} as never)).toThrow(/recurrent: expected a recurrent layer/);
  });
});
