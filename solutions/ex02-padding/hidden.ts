import { Case, vector } from "../../autograder/core";

export const hidden: Case[] = [
  { id: "fit-empty", fn: "fitHistory", args: [[], 3], points: 1 },
  { id: "fit-length-0", fn: "fitHistory", args: [[1, 2], 0], points: 1 },
  { id: "histories-length-1", fn: "fixedHistories", args: [[5, 6, 7], 1], points: 1 },
  { id: "batch-equal", fn: "padBatch", args: [[[1, 2], [3, 4]]], points: 1 },
  { id: "batch-with-empty", fn: "padBatch", args: [[[], [1, 2, 3]]], points: 1 },
];

export function draw(rand: () => number): Case[] {
  const series = vector(rand, 6 + Math.floor(rand() * 6));
  return [{ id: "histories-drawn", fn: "fixedHistories", args: [series, 2 + Math.floor(rand() * 4)], points: 2 }];
}
