import { Case, matrix, recurrentWeights, rng, vector } from "../../autograder/core";

const rand = rng(60);
const model = { ...recurrentWeights(rand, 1, 3, 5), wHy: vector(rand, 5, 0.4), bHy: 0.05 };

export const hidden: Case[] = [
  { id: "loss-zero-error", fn: "sequenceLoss", args: [[[0, 0, 0]], [0.05], [0, 0, 0, 0, 0], { ...model, bIh: [0, 0, 0, 0, 0], bHh: [0, 0, 0, 0, 0] }], points: 1 },
  { id: "gradients-long", fn: "sequenceGradients", args: [matrix(rand, 12, 3), vector(rand, 12), vector(rand, 5), model], points: 3 },
];

export function draw(r: () => number): Case[] {
  const size = 2 + Math.floor(r() * 4);
  const m = { ...recurrentWeights(r, 1, 2, size), wHy: vector(r, size, 0.5), bHy: r() - 0.5 };
  return [{ id: "gradients-drawn", fn: "sequenceGradients", args: [matrix(r, 6, 2), vector(r, 6), vector(r, size), m], points: 3 }];
}
