import { Case, sine } from "../../autograder/core";

export const cases: Case[] = [
  { id: "count-lecture", fn: "countPairs", args: [1000, 2, 1], points: 1, hint: "A window of 2 plus 1 target needs 3 points; count the start positions." },
  { id: "count-too-short", fn: "countPairs", args: [3, 3, 1], points: 1, hint: "When nothing fits the answer is 0, never negative." },
  {
    id: "pairs-lecture-sinusoid",
    fn: "lookbackPairs",
    args: [sine(8, 50), 2, 1],
    points: 2,
    hint: "inputs[k] = series[k .. k+2), targets[k] = [series[k+2]]; keep the last pair (the lecture drops it).",
  },
  { id: "pairs-horizon-2", fn: "lookbackPairs", args: [[0, 1, 2, 3, 4, 5], 3, 2], points: 2, hint: "With horizon 2 each target is the next 2 values." },
  { id: "pairs-empty", fn: "lookbackPairs", args: [[1, 2], 2, 1], points: 1, hint: "A series too short for one pair gives empty inputs and targets." },
];
