/**
 * Exercise 13: make an LSTM remember for 60 steps by choosing one number, its forget gate's bias.
 *
 * Lecture 06 ("The forget gate at the start of training") shows why an untrained LSTM forgets quickly, and
 * ("The recall task, lag 40") that setting the forget gate's bias before training lets it learn to recall a
 * signal 40 steps later. Here the signal must survive 60 steps of silence. Work out what the bias does to the
 * memory, run the experiment (experiment.ts, from the notebook) for the biases you choose, and answer with
 * one that makes the LSTM learn the task reliably: the grader trains it with your bias, from its own seeds,
 * and checks the answers on fresh sequences.
 */

import { NotImplementedError } from "rnn-course";

/**
 * The fraction of the cell state an untrained LSTM still holds after `steps` steps if nothing new were
 * written, when its forget gate sits at what the bias `bias` alone gives it (the weights' part left out).
 */
export function memoryLeft(bias: number, steps: number): number {
  throw new NotImplementedError("ex13-forget-bias.memoryLeft");
}

/** The forget-gate bias (set with `openForgetGate` before training) with which the LSTM learns recall at lag 60. */
export function forgetBias(): number {
  throw new NotImplementedError("ex13-forget-bias.forgetBias");
}
