import { Case, matrix, recurrentWeights, rng, vector } from "../../autograder/core";

const rand = rng(90);
const w = recurrentWeights(rand, 3, 3, 4);

export const hidden: Case[] = [
  { id: "cell-large-inputs", fn: "gruCell", args: [vector(rand, 3, 6), vector(rand, 4), w], points: 2 },
  { id: "forward-long", fn: "gruForward", args: [matrix(rand, 12, 3), vector(rand, 4), w], points: 2 },
];

export function draw(r: () => number): Case[] {
  const size = 2 + Math.floor(r() * 4);
  return [{ id: "forward-drawn", fn: "gruForward", args: [matrix(r, 7, 2), vector(r, size), recurrentWeights(r, 3, 2, size)], points: 2 }];
}
