import { Case, sine, vector } from "../../autograder/core";

export const hidden: Case[] = [
  { id: "summary-constant", fn: "summarize", args: [[2, 2, 2]], points: 1 },
  { id: "summary-single", fn: "summarize", args: [[-4]], points: 1 },
  { id: "moving-average-full", fn: "movingAverage", args: [[1, 5, 9], 3], points: 1 },
  { id: "decompose-sinusoid-12", fn: "decompose", args: [sine(40, 12), 12], points: 2 },
];

export function draw(rand: () => number): Case[] {
  const period = 3 + Math.floor(rand() * 4);
  const noise = vector(rand, 4 * period, 0.1);
  const series = noise.map((e, t) => 0.2 * t + Math.sin((2 * Math.PI * t) / period) + e);
  return [
    { id: "summary-drawn", fn: "summarize", args: [vector(rand, 9)], points: 1 },
    { id: "decompose-drawn", fn: "decompose", args: [series, period], points: 2 },
  ];
}
