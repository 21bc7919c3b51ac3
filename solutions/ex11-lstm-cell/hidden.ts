import { Case, matrix, recurrentWeights, rng, vector } from "../../autograder/core";

const rand = rng(80);
const w = recurrentWeights(rand, 4, 3, 4);

export const hidden: Case[] = [
  { id: "sigmoid-negative", fn: "sigmoid", args: [-3], points: 1 },
  { id: "cell-large-inputs", fn: "lstmCell", args: [vector(rand, 3, 6), { h: vector(rand, 4), c: vector(rand, 4, 3) }, w], points: 2 },
  { id: "forward-long", fn: "lstmForward", args: [matrix(rand, 12, 3), { h: vector(rand, 4), c: vector(rand, 4) }, w], points: 2 },
];

export function draw(r: () => number): Case[] {
  const size = 2 + Math.floor(r() * 4);
  return [{ id: "forward-drawn", fn: "lstmForward", args: [matrix(r, 7, 2), { h: vector(r, size), c: vector(r, size) }, recurrentWeights(r, 4, 2, size)], points: 2 }];
}
