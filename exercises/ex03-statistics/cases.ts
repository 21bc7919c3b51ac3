import { Case, sine } from "../../autograder/core";

/** A rising line plus a period-4 pattern: the decomposition should give the line back as trend. */
const trendPlusSeason = Array.from({ length: 14 }, (_, t) => 0.5 * t + [1, -1, 2, -2][t % 4]);

export const cases: Case[] = [
  { id: "summary-odd", fn: "summarize", args: [[3, 1, 4, 1, 5]], points: 1, hint: "Variance divides by n (not n - 1); the median of an odd count is the middle sorted value." },
  { id: "summary-even", fn: "summarize", args: [[2, 8, 4, 6]], points: 1, hint: "The median of an even count is the mean of the two middle sorted values." },
  { id: "moving-average-3", fn: "movingAverage", args: [[1, 2, 3, 4, 5, 6], 3], points: 1, hint: "n - window + 1 values; out[0] averages the first `window` values." },
  { id: "decompose-odd-period", fn: "decompose", args: [sine(15, 5).map((x, t) => x + 0.1 * t), 5], points: 2, hint: "Odd period: trend is the plain mean of the `period` values centred on t." },
  { id: "decompose-even-period", fn: "decompose", args: [trendPlusSeason, 4], points: 2, hint: "Even period: the two end values of the centred window weigh half." },
];
