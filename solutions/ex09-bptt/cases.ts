import { Case, matrix, recurrentWeights, rng, sine, vector } from "../../autograder/core";

const rand = rng(6);
const model = { ...recurrentWeights(rand, 1, 1, 3), wHy: vector(rand, 3, 0.6), bHy: 0.1 };
const series = sine(7, 50);
const xs = series.slice(0, 6).map((x) => [x]);
const targets = series.slice(1, 7);
const wide = { ...recurrentWeights(rand, 1, 2, 4), wHy: vector(rand, 4, 0.5), bHy: -0.2 };

export const cases: Case[] = [
  { id: "states-sinusoid", fn: "hiddenStates", args: [xs, [0, 0, 0], model], points: 1 },
  { id: "loss-sinusoid", fn: "sequenceLoss", args: [xs, targets, [0, 0, 0], model], points: 1, hint: "PyTorch's MSELoss: a mean, not a sum." },
  {
    id: "gradients-one-step",
    fn: "sequenceGradients",
    args: [[[0.5]], [0.3], [0.1, -0.2, 0.3], model],
    points: 2,
    hint: "Start with one step: from the loss to the prediction, to the hidden state, through the tanh, to each weight. Check every factor against a finite difference.",
  },
  {
    id: "gradients-sinusoid",
    fn: "sequenceGradients",
    args: [xs, targets, [0, 0, 0], model],
    points: 3,
    hint: "Lecture 04: the gradient reaching h_t has two sources, and a shared weight's gradient is a sum over steps.",
  },
  { id: "gradients-input-2", fn: "sequenceGradients", args: [matrix(rand, 4, 2), vector(rand, 4), vector(rand, 4), wide], points: 2 },
];
