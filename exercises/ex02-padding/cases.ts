import { Case } from "../../autograder/core";

export const cases: Case[] = [
  { id: "fit-truncate", fn: "fitHistory", args: [[1, 2, 3, 4, 5], 3], points: 1, hint: "Too long: keep the LAST values, the most recent ones." },
  { id: "fit-pad", fn: "fitHistory", args: [[7, 8], 4], points: 1, hint: "Too short: zeros go in FRONT, like the lecture's h_3 = (0, ..., 0, x_1, x_2)." },
  { id: "fit-exact", fn: "fitHistory", args: [[1, 2, 3], 3], points: 1 },
  { id: "histories-lecture", fn: "fixedHistories", args: [[0.1, 0.2, 0.3, 0.4, 0.5], 3], points: 2, hint: "Row t is the history before x_t, fitted to the length; nothing comes before the first value." },
  { id: "batch-ragged", fn: "padBatch", args: [[[1, 2, 3], [4], [5, 6]]], points: 2, hint: "Zeros go at the END here, and the mask marks real values with 1." },
];
