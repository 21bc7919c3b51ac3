import { Case } from "../../autograder/core";
import { seasonalSeries } from "./data";

export const cases: Case[] = [
  {
    id: "season-12",
    fn: "chooseLookback",
    args: [seasonalSeries(12, 2024).given],
    points: 3,
    judge: { fn: "beatsPersistence", args: [12, 2024] },
    hint: "Your code sees only `series`: keep its last part aside, fit each lookback on the rest and compare them there (lecture 02, \"Choosing a lookback\").",
  },
];
