import { Case, sine } from "../../autograder/core";

/** A rising line plus a period-4 pattern: the decomposition should give the line back as trend. */
const trendPlusSeason = Array.from({ length: 14 }, (_, t) => 0.5 * t + [1, -1, 2, -2][t % 4]);

export const cases: Case[] = [
  { id: "summary-odd", fn: "summarize", args: [[3, 1, 4, 1, 5]], points: 1, hint: "Lecture 01, \"Descriptive statistics\": which variance does it define, the population or the sample one?" },
  { id: "summary-even", fn: "summarize", args: [[2, 8, 4, 6]], points: 1, hint: "With an even count there is no single middle value." },
  { id: "moving-average-3", fn: "movingAverage", args: [[1, 2, 3, 4, 5, 6], 3], points: 1, hint: "How many runs of `window` consecutive values fit in the series? The first one starts at the first value." },
  { id: "decompose-odd-period", fn: "decompose", args: [sine(15, 5).map((x, t) => x + 0.1 * t), 5], points: 2, hint: "With an odd period the window centred on t holds exactly one period." },
  { id: "decompose-even-period", fn: "decompose", args: [trendPlusSeason, 4], points: 2, hint: "With an even period no window of one period is centred on t: lecture 01's recipe, step 1, says what to do." },
];
