import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { GRU, LSTM, RNN, meanOverUnits, openForgetGate, seed, traceGates } from "../src";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const sequence = Array.from({ length: 9 }, (_, t) => Math.sin(t) + 0.3 * Math.cos(3 * t));

/** The layer's own (fused, hand-differentiated) output for the same sequence: [T][H] and the final c. */
function reference(layer: LSTM | GRU) {
  const result = layer.forward(tf.tensor3d([sequence.map((v) => [v])]));
  return { h: (result.output.arraySync() as number[][][])[0], c: result.c ? (result.c.arraySync() as number[][][])[0][0] : null };
}

function expectRowsClose(actual: number[][], expected: number[][]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, t) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[t][j], 5)));
}

describe("traceGates", () => {
  it("replays an LSTM: its h matches the layer's output and c_t = f·c_{t-1} + i·g", () => {
    seed(1);
    const lstm = new LSTM({ inputSize: 1, hiddenSize: 5 });
    const trace = traceGates(lstm, sequence);
    const { h, c } = reference(lstm);
    expectRowsClose(trace.h, h);
    trace.c[sequence.length - 1].forEach((v, j) => expect(v).toBeCloseTo(c![j], 5));
    for (let t = 1; t < sequence.length; t++) {
      trace.c[t].forEach((v, j) => expect(v).toBeCloseTo(trace.f[t][j] * trace.c[t - 1][j] + trace.i[t][j] * trace.g[t][j], 5));
    }
    for (const gate of ["i", "f", "o"]) expect(trace[gate].flat().every((v) => v > 0 && v < 1)).toBe(true);
  });

  it("replays a GRU: its h matches the layer's output and h_t = (1 - z)·n + z·h_{t-1}", () => {
    seed(2);
    const gru = new GRU({ inputSize: 1, hiddenSize: 4 });
    const trace = traceGates(gru, sequence);
    expectRowsClose(trace.h, reference(gru).h);
    expect(Object.keys(trace)).toEqual(["r", "z", "n", "h"]);
    for (let t = 1; t < sequence.length; t++) {
      trace.h[t].forEach((v, j) => expect(v).toBeCloseTo((1 - trace.z[t][j]) * trace.n[t][j] + trace.z[t][j] * trace.h[t - 1][j], 5));
    }
  });

  it("leaves no tensors behind", () => {
    const gru = new GRU({ inputSize: 1, hiddenSize: 3 });
    const before = tf.memory().numTensors;
    traceGates(gru, sequence);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rejects a vanilla RNN and a batch of sequences", () => {
    expect(() => traceGates(new RNN({ inputSize: 1, hiddenSize: 3 }) as never, sequence)).toThrow("layer: expected an LSTM or a GRU");
    expect(() => traceGates(new GRU({ inputSize: 1, hiddenSize: 3 }), tf.zeros([2, 4, 1]))).toThrow(/x: expected one sequence/);
  });
});

describe("openForgetGate", () => {
  it("sets the forget-gate rows of the LSTM's biases and nothing else, so f starts near σ(bias)", () => {
    seed(3);
    const lstm = new LSTM({ inputSize: 1, hiddenSize: 4 });
    const before = lstm.namedParameters().map(([, p]) => Array.from(p.dataSync()));
    openForgetGate(lstm, 3);
    const after = Object.fromEntries(lstm.namedParameters().map(([n, p]) => [n, Array.from(p.dataSync())]));
    expect(after.bias_ih_l0.slice(4, 8)).toEqual([3, 3, 3, 3]);
    expect(after.bias_hh_l0.slice(4, 8)).toEqual([0, 0, 0, 0]);
    expect(after.bias_ih_l0.slice(0, 4)).toEqual(before[2].slice(0, 4));
    expect(after.weight_hh_l0).toEqual(before[1]);
    const f = traceGates(lstm, [0]).f[0];
    f.forEach((v) => expect(v).toBeGreaterThan(0.9));
  });

  it("sets the GRU's update gate z", () => {
    const gru = new GRU({ inputSize: 1, hiddenSize: 2 });
    openForgetGate(gru, 2);
    const z = traceGates(gru, [0]).z[0];
    z.forEach((v) => expect(v).toBeGreaterThan(0.8));
  });
});

describe("meanOverUnits", () => {
  it("averages each step's row", () => {
    expect(Array.from(meanOverUnits([[0, 1], [1, 1]]))).toEqual([0.5, 1]);
  });
});
