import { Case, linearLayers, rng, vector } from "../../autograder/core";

const rand = rng(40);

export const hidden: Case[] = [
  { id: "linear-1x1", fn: "linear", args: [{ weight: [[2]], bias: [1] }, [3]], points: 1 },
  { id: "step-hidden-2", fn: "mlpRnnStep", args: [linearLayers(rand, [3, 7, 4, 3]), -0.7, [0.2, -0.1]], points: 1 },
  { id: "run-empty", fn: "mlpRnnRun", args: [linearLayers(rand, [2, 3, 3, 2]), [], [0]], points: 1 },
];

export function draw(r: () => number): Case[] {
  const h = 1 + Math.floor(r() * 3);
  return [{ id: "run-drawn", fn: "mlpRnnRun", args: [linearLayers(r, [1 + h, 8, 4, 1 + h]), vector(r, 12), vector(r, h)], points: 2 }];
}
