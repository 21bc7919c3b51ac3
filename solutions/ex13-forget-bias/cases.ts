import { Case } from "../../autograder/core";

export const cases: Case[] = [
  { id: "memory-default", fn: "memoryLeft", args: [0, 1], points: 1, hint: "At bias 0 the gate sits halfway between closed and open: what part of the cell does one step keep?" },
  { id: "memory-lecture", fn: "memoryLeft", args: [3, 40], points: 1, hint: "Lecture 06 multiplies the forget gates along the way: each step keeps the same part here." },
  {
    id: "recall-learns",
    fn: "forgetBias",
    args: [],
    points: 3,
    judge: { fn: "solvesRecall", args: [20] },
    hint: "Compare memoryLeft for the biases you consider at 60 steps, then run the experiment for a few of them, with more than one seed.",
  },
];
