import { Case, sine } from "../../autograder/core";

export const cases: Case[] = [
  { id: "count-lecture", fn: "countPairs", args: [1000, 2, 1], points: 1, hint: "Count the positions where a pair can start: its input and its target must both fit in the series." },
  { id: "count-too-short", fn: "countPairs", args: [3, 3, 1], points: 1, hint: "When nothing fits the answer is 0, never negative." },
  {
    id: "pairs-lecture-sinusoid",
    fn: "lookbackPairs",
    args: [sine(8, 50), 2, 1],
    points: 2,
    hint: "Pair k starts at position k of the series. Keep every pair whose target still fits: the lecture's loop stops one pair early.",
  },
  { id: "pairs-horizon-2", fn: "lookbackPairs", args: [[0, 1, 2, 3, 4, 5], 3, 2], points: 2, hint: "With horizon 2 each target holds two values: the two that follow the input window." },
  { id: "pairs-empty", fn: "lookbackPairs", args: [[1, 2], 2, 1], points: 1, hint: "A series too short for one pair gives empty inputs and targets." },
];
