/**
 * Exercise 5: the lecture's first RNN, an MLP that carries a memory.
 *
 * Lecture 03, "A memory vector": at each step the network reads the observation x_t and the memory h_t it
 * wrote one step earlier, and gives back a prediction y_t and the next memory h_{t+1}. Its input is
 * [x_t, ...h_t], its output [y_t, ...h_{t+1}]; the lecture's network is 2 → 32 → 8 → 2, a memory of one number.
 */

/** A Linear layer in PyTorch's layout: `weight[o][i]` connects input i to output o. */
export interface Linear {
  weight: number[][];
  bias: number[];
}

/** What PyTorch's nn.Linear with these weights gives for the input `x`. */
export function linear(layer: Linear, x: number[]): number[] {
  // BEGIN SOLUTION
  return layer.weight.map((row, o) => row.reduce((sum, w, i) => sum + w * x[i], layer.bias[o]));
  // END SOLUTION
}

/** ReLU, value by value. */
export function relu(x: number[]): number[] {
  // BEGIN SOLUTION
  return x.map((v) => Math.max(0, v));
  // END SOLUTION
}

/** One step of the lecture's network, whose three Linear layers are `layers` (in order): y_t and h_{t+1} from x_t and h_t. */
export function mlpRnnStep(layers: Linear[], x: number, hidden: number[]): { output: number; hidden: number[] } {
  // BEGIN SOLUTION
  const out = linear(layers[2], relu(linear(layers[1], relu(linear(layers[0], [x, ...hidden])))));
  return { output: out[0], hidden: out.slice(1) };
  // END SOLUTION
}

/** The network run over the whole series from the memory `hidden0`: outputs[t] and hiddens[t] are what step t gives. */
export function mlpRnnRun(layers: Linear[], series: number[], hidden0: number[]): { outputs: number[]; hiddens: number[][] } {
  // BEGIN SOLUTION
  const outputs: number[] = [];
  const hiddens: number[][] = [];
  let hidden = hidden0;
  for (const x of series) {
    const step = mlpRnnStep(layers, x, hidden);
    outputs.push(step.output);
    hiddens.push(step.hidden);
    hidden = step.hidden;
  }
  return { outputs, hiddens };
  // END SOLUTION
}
