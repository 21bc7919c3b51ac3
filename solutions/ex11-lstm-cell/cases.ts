import { Case, matrix, recurrentWeights, rng, sine, vector } from "../../autograder/core";

const rand = rng(8);
const w = recurrentWeights(rand, 4, 2, 3);
const scalar = recurrentWeights(rand, 4, 1, 5);
const zero5 = [0, 0, 0, 0, 0];

export const cases: Case[] = [
  { id: "sigmoid-values", fn: "sigmoid", args: [0.7], points: 1 },
  { id: "cell-random", fn: "lstmCell", args: [[0.4, -0.6], { h: [0.1, -0.2, 0.05], c: [0.5, -0.3, 0.2] }, w], points: 2, hint: "Which rows of the stacked weights belong to which gate? PyTorch stacks them in the order i, f, g, o, H rows each." },
  { id: "cell-zero-state", fn: "lstmCell", args: [vector(rand, 2), { h: [0, 0, 0], c: [0, 0, 0] }, w], points: 1, hint: "From a zero state the forget gate has nothing to keep: only the new candidate can enter the cell." },
  { id: "forward-sinusoid", fn: "lstmForward", args: [sine(10, 50).map((x) => [x]), { h: zero5, c: zero5 }, scalar], points: 2 },
  { id: "forward-input-2", fn: "lstmForward", args: [matrix(rand, 4, 2), { h: vector(rand, 3), c: vector(rand, 3) }, w], points: 2 },
];
