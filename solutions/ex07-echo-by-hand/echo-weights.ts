/**
 * Exercise 7: an RNN whose weights you set by hand, so that it echoes its input.
 *
 * The echo task of lecture 04 ("Truncated BPTT"): the inputs are coin flips ±1, and the answer at step t is
 * the input of step t - delay (0 for the first `delay` steps, when there is nothing to echo yet). A network
 * trained on it has to discover a way to remember; here you design one. No training: choose the weights of a
 * vanilla RNN (lecture 03, "The standard RNN cell") and of its linear head so that the head's output after
 * every step is the echo, on any sequence of ±1.
 */

/** A vanilla RNN (PyTorch's nn.RNN, tanh, one input) and a linear head reading its hidden state after every step. */
export interface EchoRnn {
  /** [H][1] */
  wIh: number[][];
  /** [H][H] */
  wHh: number[][];
  /** [H] */
  bIh: number[];
  /** [H] */
  bHh: number[];
  /** [H]: the head's weights; its output after step t is wHy · h_t + bHy. */
  wHy: number[];
  bHy: number;
}

/**
 * Weights (any hidden size H from 1 to 64) with which the RNN, started from h = 0, outputs the input of
 * `delay` steps earlier after every step, and 0 before the first `delay` steps are over: every output within
 * 0.01 of its target, on sequences of ±1 it has never seen.
 */
export function echoWeights(delay: number): EchoRnn {
  // BEGIN SOLUTION
  // A shift register: unit 0 writes the input, unit j copies unit j-1 one step later, so unit j holds the
  // input of j steps ago (0 before that input existed), and the head reads unit `delay`. Each unit sees one
  // value only, so its size after a ±1 input is the same for +1 and -1: the head scales it back to exactly ±1.
  const H = delay + 1;
  const gain = 3;
  const zeros = () => new Array<number>(H).fill(0);
  let size = Math.tanh(gain);
  for (let j = 1; j <= delay; j++) size = Math.tanh(gain * size);
  const wHy = zeros();
  wHy[delay] = 1 / size;
  return {
    wIh: zeros().map((_, j) => [j === 0 ? gain : 0]),
    wHh: zeros().map((_, j) => zeros().map((_, k) => (k === j - 1 ? gain : 0))),
    bIh: zeros(),
    bHh: zeros(),
    wHy,
    bHy: 0,
  };
  // END SOLUTION
}
