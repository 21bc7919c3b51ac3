// The recurrent solutions against PyTorch (fixture written by scripts/torch/cells.py, float64).
import { describe, expect, it } from "vitest";
import { compare } from "../autograder/core";
import fixture from "./fixtures/torch-cells.json";
import { rnnForward } from "../solutions/ex06-rnn-cell/rnn-cell";
import { sequenceGradients, sequenceLoss } from "../solutions/ex09-bptt/bptt";
import { lstmForward } from "../solutions/ex11-lstm-cell/lstm-cell";
import { gruForward } from "../solutions/ex12-gru-cell/gru-cell";

const close = (expected: unknown, got: unknown) => {
  const r = compare(expected, got, 1e-5, 1e-5);
  expect(r.ok, r.message).toBe(true);
};

describe("solutions match PyTorch within 1e-5", () => {
  it("nn.RNN", () => close(fixture.rnn.hiddens, rnnForward(fixture.xs, fixture.h0, fixture.rnn.weights)));

  it("nn.LSTM", () => {
    const run = lstmForward(fixture.xs, { h: fixture.h0, c: fixture.c0 }, fixture.lstm.weights);
    close({ hiddens: fixture.lstm.hiddens, last: { h: fixture.lstm.h, c: fixture.lstm.c } }, run);
  });

  it("nn.GRU", () => close(fixture.gru.hiddens, gruForward(fixture.xs, fixture.h0, fixture.gru.weights)));

  it("BPTT: loss and every gradient of the RNN regressor equal autograd's", () => {
    const { model, targets } = fixture.bptt;
    close(fixture.bptt.loss, sequenceLoss(fixture.xs, targets, fixture.h0, model));
    close(fixture.bptt.gradients, sequenceGradients(fixture.xs, targets, fixture.h0, model));
  });
});
