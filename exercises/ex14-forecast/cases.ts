import { Case, recurrentWeights, rng, sine, vector } from "../../autograder/core";

const rand = rng(10);
const model = { ...recurrentWeights(rand, 1, 1, 4), wHy: vector(rand, 4, 0.5), bHy: 0.05 };

export const cases: Case[] = [
  { id: "step-from-zero", fn: "predictStep", args: [0.5, [0, 0, 0, 0], model], points: 1, hint: "The cell of exercise 6, then the head reading the new hidden state." },
  { id: "forecast-one-step", fn: "forecast", args: [sine(5, 50), 1, [0, 0, 0, 0], model], points: 1, hint: "The first forecast is the prediction made after reading the LAST history value." },
  { id: "forecast-sinusoid", fn: "forecast", args: [sine(20, 50), 10, [0, 0, 0, 0], model], points: 3, hint: "After the history, each forecast becomes the next input." },
  { id: "forecast-zero-steps", fn: "forecast", args: [[0.1, 0.2], 0, [0, 0, 0, 0], model], points: 1 },
];
