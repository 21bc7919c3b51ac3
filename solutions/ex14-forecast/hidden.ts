import { Case, recurrentWeights, rng, sine, vector } from "../../autograder/core";

const rand = rng(100);
const model = { ...recurrentWeights(rand, 1, 1, 6), wHy: vector(rand, 6, 0.5), bHy: -0.1 };

export const hidden: Case[] = [
  { id: "forecast-history-1", fn: "forecast", args: [[0.3], 3, vector(rand, 6), model], points: 1 },
  { id: "forecast-long", fn: "forecast", args: [sine(30, 25), 25, [0, 0, 0, 0, 0, 0], model], points: 2 },
];

export function draw(r: () => number): Case[] {
  const size = 2 + Math.floor(r() * 5);
  const m = { ...recurrentWeights(r, 1, 1, size), wHy: vector(r, size, 0.5), bHy: r() - 0.5 };
  return [{ id: "forecast-drawn", fn: "forecast", args: [vector(r, 10), 8, vector(r, size), m], points: 2 }];
}
