import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { F, ArgumentError, GRU, LSTM, RNN, Seq2Seq, fromTorchStateDict, seed } from "../src";

// Made by scripts/torch/make_seq2seq_fixture.py (PyTorch 1.13).
interface Case {
  cell: "GRU" | "LSTM";
  hiddenSize: number;
  horizon: number;
  stateDict: Record<string, unknown>;
  x: number[][][];
  forecast: number[][];
  w: number[][];
  grads: Record<string, unknown>;
}
const cases: Case[] = JSON.parse(readFileSync(join(__dirname, "fixtures", "seq2seq-reference.json"), "utf8")).seq2seq;
const layers = { GRU, LSTM };

beforeAll(async () => {
  await tf.setBackend("cpu");
});

function maxDifference(actual: tf.Tensor, expected: unknown): number {
  const reference = tf.tensor(expected as number[]);
  expect(actual.shape).toEqual(reference.shape);
  return tf.max(tf.abs(tf.sub(actual, reference))).dataSync()[0];
}

describe.each(cases.map((c) => [c.cell, c] as const))("Seq2Seq matches a PyTorch encoder-decoder (%s)", (_, c) => {
  const make = () => {
    const layer = () => new layers[c.cell]({ inputSize: 1, hiddenSize: c.hiddenSize });
    return fromTorchStateDict(new Seq2Seq(layer(), layer(), c.horizon), c.stateDict);
  };

  it("forecasts the same values, feeding its predictions back", () => {
    expect(maxDifference(make().forward(tf.tensor3d(c.x)), c.forecast)).toBeLessThan(2e-5);
  });

  it("has the same gradients through the feedback loop", () => {
    const model = make();
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(model.forward(tf.tensor3d(c.x)), tf.tensor2d(c.w))) as tf.Scalar);
    for (const [name, variable] of model.namedParameters()) {
      expect(maxDifference(grads[variable.name], c.grads[name]), name).toBeLessThan(5e-5);
    }
  });
});

describe("Seq2Seq", () => {
  it("learns to continue a sine wave several steps ahead", () => {
    seed(3);
    const model = new Seq2Seq(new GRU({ inputSize: 1, hiddenSize: 8 }), new GRU({ inputSize: 1, hiddenSize: 8 }), 3);
    const wave = (phase: number, n: number) => Array.from({ length: n }, (_, k) => Math.sin(phase + k * 0.5));
    const phases = Array.from({ length: 32 }, (_, k) => k * 0.4);
    const x = tf.tensor3d(phases.map((p) => wave(p, 6).map((v) => [v])));
    const y = tf.tensor2d(phases.map((p) => wave(p, 9).slice(6)));
    const optimizer = tf.train.adam(0.02);
    const loss = () => F.mseLoss(model.forward(x), y);
    const before = loss().dataSync()[0];
    for (let step = 0; step < 60; step++) optimizer.minimize(loss);
    expect(loss().dataSync()[0]).toBeLessThan(before / 10);
  });

  it("works as a one-to-many model with a single input step", () => {
    const model = new Seq2Seq(new LSTM({ inputSize: 2, hiddenSize: 4 }), new LSTM({ inputSize: 1, hiddenSize: 4 }), 7);
    expect(model.forward(tf.ones([5, 1, 2])).shape).toEqual([5, 7]);
  });

  it("names its parameters like PyTorch: encoder.*, decoder.*, head.*", () => {
    const model = new Seq2Seq(new GRU({ inputSize: 1, hiddenSize: 4 }), new GRU({ inputSize: 1, hiddenSize: 4 }), 2);
    expect(model.namedParameters().map(([name]) => name)).toEqual([
      "encoder.weight_ih_l0", "encoder.weight_hh_l0", "encoder.bias_ih_l0", "encoder.bias_hh_l0",
      "decoder.weight_ih_l0", "decoder.weight_hh_l0", "decoder.bias_ih_l0", "decoder.bias_hh_l0",
      "head.weight", "head.bias",
    ]);
  });

  it("rejects an encoder and decoder whose states do not fit, naming what is wrong", () => {
    const gru = (inputSize: number, hiddenSize: number) => new GRU({ inputSize, hiddenSize });
    expect(() => new Seq2Seq(gru(1, 4), new LSTM({ inputSize: 1, hiddenSize: 4 }), 2)).toThrow(/decoder: expected the encoder's kind of cell \(GRU\)/);
    expect(() => new Seq2Seq(gru(1, 4), gru(1, 5), 2)).toThrow(/decoder.hiddenSize: expected the encoder's \(4\), received 5/);
    expect(() => new Seq2Seq(gru(1, 4), gru(2, 4), 2)).toThrow(/decoder.inputSize: expected 1/);
    expect(() => new Seq2Seq(gru(1, 4), gru(1, 4), 0)).toThrow(ArgumentError);
    expect(() => new Seq2Seq(new RNN({ inputSize: 1, hiddenSize: 4, numLayers: 2 }), gru(1, 4), 2)).toThrow(/encoder: expected a one-layer/);
  });

  it("rejects input that is not [batch, time, features] before running", () => {
    const model = new Seq2Seq(new GRU({ inputSize: 1, hiddenSize: 4 }), new GRU({ inputSize: 1, hiddenSize: 4 }), 2);
    expect(() => model.forward(tf.ones([5, 3]))).toThrow(/reshape to \[5, 3, 1\]/);
  });
});
