import { Case, matrix, recurrentWeights, rng, vector } from "../../autograder/core";

const rand = rng(70);

export const hidden: Case[] = [
  { id: "norm-zero", fn: "norm", args: [[0, 0, 0]], points: 1 },
  { id: "clip-exact", fn: "clipByNorm", args: [[3, 4], 5], points: 1 },
  { id: "norms-input-3", fn: "hiddenGradientNorms", args: [matrix(rand, 15, 3), vector(rand, 5), recurrentWeights(rand, 1, 3, 5), vector(rand, 5)], points: 2 },
];

export function draw(r: () => number): Case[] {
  const size = 2 + Math.floor(r() * 5);
  const w = recurrentWeights(r, 1, 1, size);
  return [{ id: "norms-drawn", fn: "hiddenGradientNorms", args: [matrix(r, 25, 1), vector(r, size), w, vector(r, size)], points: 2 }];
}
