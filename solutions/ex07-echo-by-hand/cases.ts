import { Case } from "../../autograder/core";

export const cases: Case[] = [
  {
    id: "echo-delay-3",
    fn: "echoWeights",
    args: [3],
    points: 3,
    judge: { fn: "echoesFreshSequences", args: [3, 3] },
    hint: "Follow one input through your network by hand: where is it one step later, and three? Which unit does the head read?",
  },
];
