import { Case, matrix, recurrentWeights, rng, sine } from "../../autograder/core";

const rand = rng(7);
const small = recurrentWeights(rand, 1, 1, 4);
const xs = sine(20, 50).map((x) => [x]);

export const cases: Case[] = [
  { id: "norm-3-4", fn: "norm", args: [[3, 4]], points: 1 },
  { id: "norms-one-step", fn: "hiddenGradientNorms", args: [[[0.5]], [0, 0, 0, 0], small, [1, 0, 0, 0]], points: 1, hint: "With one step the only norm is ‖dLastHidden‖." },
  { id: "norms-vanishing", fn: "hiddenGradientNorms", args: [xs, [0, 0, 0, 0], small, [1, 1, 1, 1]], points: 2, hint: "One step back passes the gradient through the derivative of that step's tanh and through W_hh: in which order, and transposed or not? Lecture 04 steps through it." },
  {
    id: "norms-large-weights",
    fn: "hiddenGradientNorms",
    args: [xs.slice(0, 8), [0, 0, 0], { wIh: matrix(rand, 3, 1), wHh: matrix(rand, 3, 3, 3), bIh: [0, 0, 0], bHh: [0, 0, 0] }, [0, 1, 0]],
    points: 2,
  },
  { id: "clip-long", fn: "clipByNorm", args: [[6, 8], 5], points: 1, hint: "Clipping keeps the gradient's direction and changes only its length." },
  { id: "clip-short", fn: "clipByNorm", args: [[0.3, 0.4], 5], points: 1, hint: "A gradient already inside the limit comes back unchanged." },
];
