import { Case, matrix, recurrentWeights, rng, sine, vector } from "../../autograder/core";

const rand = rng(9);
const w = recurrentWeights(rand, 3, 2, 3);
const scalar = recurrentWeights(rand, 3, 1, 5);

export const cases: Case[] = [
  { id: "cell-random", fn: "gruCell", args: [[0.4, -0.6], [0.1, -0.2, 0.05], w], points: 2, hint: "PyTorch's GRU differs from the paper's in one place: what exactly does the reset gate multiply? Lecture 06 prints the library's cell." },
  { id: "cell-zero-state", fn: "gruCell", args: [vector(rand, 2), [0, 0, 0], w], points: 1, hint: "From h = 0, what is left of the update once the old state is zero?" },
  { id: "forward-sinusoid", fn: "gruForward", args: [sine(10, 50).map((x) => [x]), [0, 0, 0, 0, 0], scalar], points: 2 },
  { id: "forward-input-2", fn: "gruForward", args: [matrix(rand, 4, 2), vector(rand, 3), w], points: 2 },
];
