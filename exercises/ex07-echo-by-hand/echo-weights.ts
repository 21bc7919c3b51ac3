/**
 * Exercise 7: an RNN whose weights you set by hand, so that it echoes its input.
 *
 * The echo task of lecture 04 ("Truncated BPTT"): the inputs are coin flips ±1, and the answer at step t is
 * the input of step t - delay (0 for the first `delay` steps, when there is nothing to echo yet). A network
 * trained on it has to discover a way to remember; here you design one. No training: choose the weights of a
 * vanilla RNN (lecture 03, "The standard RNN cell") and of its linear head so that the head's output after
 * every step is the echo, on any sequence of ±1.
 */

import { NotImplementedError } from "rnn-course";

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
  throw new NotImplementedError("ex07-echo-by-hand.echoWeights");
}
