import { Case, matrix, recurrentWeights, rng, sine } from "../../autograder/core";

const rand = rng(5);
const small = recurrentWeights(rand, 1, 2, 3);
const sinusoidInput = recurrentWeights(rand, 1, 1, 4);

export const cases: Case[] = [
  {
    id: "cell-identity",
    fn: "rnnCell",
    args: [[1, 0], [0, 0], { wIh: [[1, 0], [0, 1]], wHh: [[0, 0], [0, 0]], bIh: [0, 0], bHh: [0, 0] }],
    points: 1,
    hint: "With zero memory, identity input weights and zero biases the cell only squashes its input.",
  },
  { id: "cell-random", fn: "rnnCell", args: [[0.5, -1], [0.1, 0.2, -0.3], small], points: 2, hint: "PyTorch's cell has two bias vectors; lecture 03's equation uses both." },
  { id: "forward-5-steps", fn: "rnnForward", args: [matrix(rand, 5, 2), [0, 0, 0], small], points: 2, hint: "Return the hidden state after EVERY step, not just the last." },
  { id: "forward-sinusoid", fn: "rnnForward", args: [sine(4, 50).map((x) => [x]), [0, 0, 0, 0], sinusoidInput], points: 1 },
];
