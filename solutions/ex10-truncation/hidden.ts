import { Case } from "../../autograder/core";

export const hidden: Case[] = [];

/** Fresh training runs from an instructor seed: the answer learns, one step less does not. */
export function draw(rand: () => number): Case[] {
  const runSeed = Math.floor(rand() * 2 ** 30);
  return [{ id: "echo-smallest", fn: "smallestTruncation", args: [], points: 3, judge: { fn: "smallestThatLearns", args: [runSeed] } }];
}
