import { Case, linearLayers, rng, sine } from "../../autograder/core";

const rand = rng(4);
const lecture = linearLayers(rand, [2, 32, 8, 2]);
const wider = linearLayers(rand, [4, 6, 5, 4]);

export const cases: Case[] = [
  { id: "linear-2x3", fn: "linear", args: [{ weight: [[1, 2, 3], [-1, 0, 1]], bias: [0.5, -0.5] }, [1, 1, 2]], points: 1, hint: "PyTorch's layout: weight[o] is the row of output o, and every output has its bias." },
  { id: "relu", fn: "relu", args: [[-2, 0, 3.5]], points: 1 },
  { id: "step-lecture-sizes", fn: "mlpRnnStep", args: [lecture, 0.5, [0.1]], points: 2, hint: "Lecture 03, \"A memory vector\": what does the network read, what does it give back, and in which order?" },
  { id: "run-lecture-sinusoid", fn: "mlpRnnRun", args: [lecture, sine(10, 50), [0]], points: 2, hint: "Feed the hidden state returned at step t into step t+1, starting from hidden0." },
  { id: "run-hidden-3", fn: "mlpRnnRun", args: [wider, [0.3, -0.2, 0.9], [0, 0, 0]], points: 2 },
];
