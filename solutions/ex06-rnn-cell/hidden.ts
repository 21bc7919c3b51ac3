import { Case, matrix, recurrentWeights, rng, vector } from "../../autograder/core";

const rand = rng(50);
const wide = recurrentWeights(rand, 1, 3, 6);

export const hidden: Case[] = [
  { id: "cell-wide", fn: "rnnCell", args: [vector(rand, 3), vector(rand, 6), wide], points: 1 },
  { id: "forward-saturating", fn: "rnnForward", args: [matrix(rand, 6, 3, 5), vector(rand, 6), wide], points: 2 },
  { id: "forward-empty", fn: "rnnForward", args: [[], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], wide], points: 1 },
];

export function draw(r: () => number): Case[] {
  const input = 1 + Math.floor(r() * 3);
  const size = 2 + Math.floor(r() * 5);
  return [{ id: "forward-drawn", fn: "rnnForward", args: [matrix(r, 8, input), vector(r, size), recurrentWeights(r, 1, input, size)], points: 2 }];
}
