import { Case, vector } from "../../autograder/core";

export const hidden: Case[] = [
  { id: "count-long-horizon", fn: "countPairs", args: [20, 5, 7], points: 1 },
  { id: "count-exact-fit", fn: "countPairs", args: [6, 4, 2], points: 1 },
  { id: "pairs-lookback-1", fn: "lookbackPairs", args: [[3, 1, 4, 1, 5], 1, 1], points: 1 },
  { id: "pairs-exact-fit", fn: "lookbackPairs", args: [[9, 8, 7, 6, 5, 4], 4, 2], points: 1 },
];

/** Fresh hidden inputs from an instructor seed. */
export function draw(rand: () => number): Case[] {
  const lookback = 2 + Math.floor(rand() * 5);
  const horizon = 1 + Math.floor(rand() * 3);
  return [{ id: "pairs-drawn", fn: "lookbackPairs", args: [vector(rand, 15 + Math.floor(rand() * 10)), lookback, horizon], points: 2 }];
}
