import { Case } from "../../autograder/core";

export const cases: Case[] = [
  {
    id: "echo-learns",
    fn: "smallestTruncation",
    args: [],
    points: 2,
    judge: { fn: "learnsEcho", args: [10] },
    hint: "Run the experiment in the notebook for several chunk lengths: which ones bring the loss on fresh sequences down?",
  },
];
