import { Case } from "../../autograder/core";

export const hidden: Case[] = [
  { id: "memory-long", fn: "memoryLeft", args: [5, 60], points: 1 },
  { id: "memory-negative", fn: "memoryLeft", args: [-2, 3], points: 1 },
];

/** Fresh training runs from an instructor seed. */
export function draw(rand: () => number): Case[] {
  const runSeed = Math.floor(rand() * 2 ** 30);
  return [{ id: "recall-fresh", fn: "forgetBias", args: [], points: 3, judge: { fn: "solvesRecall", args: [runSeed] } }];
}
