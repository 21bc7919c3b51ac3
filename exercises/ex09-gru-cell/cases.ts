import { Case, matrix, recurrentWeights, rng, sine, vector } from "../../autograder/core";

const rand = rng(9);
const w = recurrentWeights(rand, 3, 2, 3);
const scalar = recurrentWeights(rand, 3, 1, 5);

export const cases: Case[] = [
  { id: "cell-random", fn: "gruCell", args: [[0.4, -0.6], [0.1, -0.2, 0.05], w], points: 2, hint: "Blocks of H rows in the order r, z, n; r multiplies (W_hn·h + b_hn), bias included." },
  { id: "cell-zero-state", fn: "gruCell", args: [vector(rand, 2), [0, 0, 0], w], points: 1, hint: "From h = 0: h' = (1 - z) ⊙ n." },
  { id: "forward-sinusoid", fn: "gruForward", args: [sine(10, 50).map((x) => [x]), [0, 0, 0, 0, 0], scalar], points: 2 },
  { id: "forward-input-2", fn: "gruForward", args: [matrix(rand, 4, 2), vector(rand, 3), w], points: 2 },
];
