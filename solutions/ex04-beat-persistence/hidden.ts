import { Case } from "../../autograder/core";
import { seasonalSeries } from "./data";

/** Seasons short and long: one fixed lookback cannot serve both. */
export const hidden: Case[] = [
  { id: "season-5", fn: "chooseLookback", args: [seasonalSeries(5, 5150).given], points: 2, judge: { fn: "beatsPersistence", args: [5, 5150] } },
  { id: "season-30", fn: "chooseLookback", args: [seasonalSeries(30, 3030).given], points: 2, judge: { fn: "beatsPersistence", args: [30, 3030] } },
];

/** A fresh draw of a season the calibration measured, from an instructor seed. */
export function draw(rand: () => number): Case[] {
  const period = [5, 8, 12, 20, 30][Math.floor(rand() * 5)];
  const seed = Math.floor(rand() * 2 ** 30);
  return [{ id: "season-drawn", fn: "chooseLookback", args: [seasonalSeries(period, seed).given], points: 2, judge: { fn: "beatsPersistence", args: [period, seed] } }];
}
