import { Case } from "../../autograder/core";

export const hidden: Case[] = [
  { id: "echo-delay-0", fn: "echoWeights", args: [0], points: 1, judge: { fn: "echoesFreshSequences", args: [0, 70] } },
  { id: "echo-delay-1", fn: "echoWeights", args: [1], points: 1, judge: { fn: "echoesFreshSequences", args: [1, 71] } },
  { id: "echo-delay-12", fn: "echoWeights", args: [12], points: 1, judge: { fn: "echoesFreshSequences", args: [12, 72] } },
];

/** A delay and fresh sequences from an instructor seed. */
export function draw(rand: () => number): Case[] {
  const delay = 2 + Math.floor(rand() * 8);
  const seed = Math.floor(rand() * 2 ** 31);
  return [{ id: "echo-drawn", fn: "echoWeights", args: [delay], points: 2, judge: { fn: "echoesFreshSequences", args: [delay, seed] } }];
}
