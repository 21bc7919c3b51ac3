/**
 * Options as PyTorch takes them, checked: every constructor and training function refuses an option it does
 * not know, naming it with the accepted ones (and the one probably meant), and refuses PyTorch's options the
 * course does not implement, saying so, instead of ignoring either.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  Adam, ArgumentError, DataLoader, GRU, LSTM, Linear, MLPRNN, RNN, SGD, Sequential, autoregressiveForecast, chronologicalSplit,
  echoWindows, fit, historyWindows, predictWindows, recallWindows, show, sinusoid, trainMLPRNN, truncatedBPTT,
} from "../src";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const windows = historyWindows(sinusoid(40, 20), 2);
const model = () => new Sequential(new Linear(2, 1));
// Each call passes one unknown option; `as never` stands for JavaScript, which no type check guards.
const unknown: [string, () => unknown, string][] = [
  ["RNN", () => new RNN({ inputSize: 1, hiddenSize: 2, hidden: 3 } as never), "RNN options"],
  ["LSTM", () => new LSTM({ inputSize: 1, hiddenSize: 2, nonlinearity: "relu" } as never), "LSTM options"],
  ["GRU", () => new GRU({ inputSize: 1, hiddenSize: 2, projSize: 0 } as never), "GRU options"],
  ["DataLoader", () => new DataLoader(windows, { batchSize: 4, shufle: true } as never), "DataLoader options"],
  ["Adam", () => new Adam(model(), { lr: 0.1, weightDecay: 0.01 } as never), "Adam options"],
  ["SGD", () => new SGD(model(), { lr: 0.1, dampening: 0.5 } as never), "SGD options"],
  ["recallWindows", () => recallWindows({ count: 2, lag: 3, length: 4 } as never), "recallWindows options"],
  ["echoWindows", () => echoWindows({ count: 2, steps: 3, delay: 1, lag: 2 } as never), "echoWindows options"],
  ["chronologicalSplit", () => chronologicalSplit(sinusoid(40, 20), { train: 0.5, valid: 0.5 } as never), "ratios"],
  ["predictWindows", () => predictWindows(model(), windows, { featureAxes: false } as never), "predictWindows options"],
  ["autoregressiveForecast", () => autoregressiveForecast(model(), tf.zeros([1, 2]), 3, { anchor: true } as never), "autoregressiveForecast options"],
  ["truncatedBPTT", () => truncatedBPTT(new RNN({ inputSize: 1, hiddenSize: 2 }), tf.zeros([1, 4, 1]) as tf.Tensor3D,
    { chunkLength: 2, loss: () => tf.scalar(0), optimizer: new SGD(model(), { lr: 0.1 }), chunk: 2 } as never), "truncatedBPTT options"],
];

describe("an unknown option", () => {
  it.each(unknown)("%s: refused, named, with the accepted ones", (_, call, argument) => {
    expect(call).toThrow(ArgumentError);
    expect(call).toThrow(new RegExp(`^${argument}: expected only \\w+(, \\w+)*, received "\\w+"`));
  });

  it("a typo or PyTorch's spelling gets a suggestion", () => {
    expect(() => new LSTM({ inputSize: 1, hiddenSise: 32 } as never)).toThrow(
      'LSTM options: expected only inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, projSize, ' +
        'received "hiddenSise". Did you mean hiddenSize?');
    expect(() => new GRU({ input_size: 1, hiddenSize: 32 } as never)).toThrow('received "input_size". Did you mean inputSize?');
    expect(() => new DataLoader(windows, { batch_size: 8 } as never)).toThrow('received "batch_size". Did you mean batchSize?');
    expect(() => new Adam(model(), { learningRate: 0.1 } as never)).toThrow(/received "learningRate"\.?$/);
  });

  it("fit's, earlyStopping's and trainMLPRNN's too", async () => {
    const loader = new DataLoader(windows, { batchSize: 8 });
    await expect(fit(model(), loader, { epochs: 1, verbose: false, epoch: 2 } as never)).rejects.toThrow(
      'fit options: expected only epochs, lr, optimizer, clip, validation, earlyStopping, onEpoch, verbose, received "epoch". Did you mean epochs?');
    await expect(fit(model(), loader, { epochs: 1, validation: loader, earlyStopping: { patience: 2, delta: 0.1 } } as never)).rejects.toThrow(
      'earlyStopping: expected only patience, minDelta, received "delta"');
    await expect(trainMLPRNN(new MLPRNN(1), [0, 1, 2], { epochs: 1, updateEvry: 2 } as never)).rejects.toThrow('received "updateEvry". Did you mean updateEvery?');
  });

  it("show's too, before drawing anything", async () => {
    await expect(show({ data: { values: [] }, mark: "point" }, { directory: "figures" } as never)).rejects.toThrow('show options: expected only dir, received "directory"');
  });
});

describe("PyTorch's recurrent options the course does not implement", () => {
  it("are refused with a message that says so", () => {
    expect(() => new LSTM({ inputSize: 1, hiddenSize: 2, batchFirst: false })).toThrow(
      "LSTM batchFirst: expected true or left out, received false. The course's layers take [batch, time, features]; " +
        "time-first input (batchFirst: false) is not supported");
    expect(() => new GRU({ inputSize: 1, hiddenSize: 2, numLayers: 2, dropout: 0.2 })).toThrow(
      "GRU dropout: expected 0 or left out, received 0.2. Dropout between stacked layers is not supported");
    expect(() => new RNN({ inputSize: 1, hiddenSize: 2, bidirectional: true })).toThrow(
      "RNN bidirectional: expected false or left out, received true. Bidirectional layers are not supported");
    expect(() => new LSTM({ inputSize: 1, hiddenSize: 2, projSize: 1 })).toThrow("LSTM projSize: expected 0 or left out, received 1. LSTM projections are not supported");
  });

  it("are accepted at the value that means what the course does", () => {
    const lstm = new LSTM({ inputSize: 1, hiddenSize: 2, batchFirst: true, dropout: 0, bidirectional: false, projSize: 0, bias: true });
    expect(lstm.toString()).toBe("LSTM(1, 2)");
  });

  it("check the type of bias", () => {
    expect(() => new GRU({ inputSize: 1, hiddenSize: 2, bias: "no" as never })).toThrow('GRU bias: expected true or false, received "no"');
  });
});
