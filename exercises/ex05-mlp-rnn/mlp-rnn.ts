/**
 * Exercise 5: the lecture's first RNN, an MLP that carries a memory.
 *
 * Lecture 03, "A memory vector": at each step the network reads the observation x_t and the memory h_t it
 * wrote one step earlier, and gives back a prediction y_t and the next memory h_{t+1}. Its input is
 * [x_t, ...h_t], its output [y_t, ...h_{t+1}]; the lecture's network is 2 → 32 → 8 → 2, a memory of one number.
 */

import { NotImplementedError } from "rnn-course";

/** A Linear layer in PyTorch's layout: `weight[o][i]` connects input i to output o. */
export interface Linear {
  weight: number[][];
  bias: number[];
}

/** What PyTorch's nn.Linear with these weights gives for the input `x`. */
export function linear(layer: Linear, x: number[]): number[] {
  throw new NotImplementedError("ex05-mlp-rnn.linear");
}

/** ReLU, value by value. */
export function relu(x: number[]): number[] {
  throw new NotImplementedError("ex05-mlp-rnn.relu");
}

/** One step of the lecture's network, whose three Linear layers are `layers` (in order): y_t and h_{t+1} from x_t and h_t. */
export function mlpRnnStep(layers: Linear[], x: number, hidden: number[]): { output: number; hidden: number[] } {
  throw new NotImplementedError("ex05-mlp-rnn.mlpRnnStep");
}

/** The network run over the whole series from the memory `hidden0`: outputs[t] and hiddens[t] are what step t gives. */
export function mlpRnnRun(layers: Linear[], series: number[], hidden0: number[]): { outputs: number[]; hiddens: number[][] } {
  throw new NotImplementedError("ex05-mlp-rnn.mlpRnnRun");
}
