/**
 * Exercise 4: the lecture's first RNN, an MLP that carries a memory.
 *
 * At each step the network reads [x_t, h_t] (the observation and the memory it wrote last step), runs three
 * Linear layers with ReLU between them, and splits what comes out into a prediction y_t (first value) and
 * the next memory h_{t+1} (the rest). The lecture's network is 2 → 32 → 8 → 2 with a memory of one number.
 */

/** A Linear layer in PyTorch's layout: `weight[o][i]` connects input i to output o. */
export interface Linear {
  weight: number[][];
  bias: number[];
}

/** weight · x + bias. */
export function linear(layer: Linear, x: number[]): number[] {
  // BEGIN SOLUTION
  return layer.weight.map((row, o) => row.reduce((sum, w, i) => sum + w * x[i], layer.bias[o]));
  // END SOLUTION
}

/** max(0, v) for every value. */
export function relu(x: number[]): number[] {
  // BEGIN SOLUTION
  return x.map((v) => Math.max(0, v));
  // END SOLUTION
}

/** One step: layers[2](relu(layers[1](relu(layers[0]([x, ...hidden]))))) split into output and next hidden. */
export function mlpRnnStep(layers: Linear[], x: number, hidden: number[]): { output: number; hidden: number[] } {
  // BEGIN SOLUTION
  const out = linear(layers[2], relu(linear(layers[1], relu(linear(layers[0], [x, ...hidden])))));
  return { output: out[0], hidden: out.slice(1) };
  // END SOLUTION
}

/** The whole series, one step per value, the memory passed along: outputs[t] and hiddens[t] after step t. */
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
