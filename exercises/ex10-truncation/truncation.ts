/**
 * Exercise 10: how long must the chunks of truncated BPTT be for a network to learn a dependency?
 *
 * Lecture 04 ("Truncated BPTT") trains an RNN on the echo task at delay 4 with chunks of k steps. Here the
 * delay is 6. Run the experiment (experiment.ts, from the notebook) for the chunk lengths you choose, and
 * find the shortest that learns the task. The grader trains with your answer itself, from its own seeds and on
 * fresh sequences, and checks that it learns, and that one step shorter does not.
 */

import { NotImplementedError } from "rnn-course";

/** The smallest chunk length k with which truncated BPTT learns the echo task at delay 6 (experiment.ts). */
export function smallestTruncation(): number {
  throw new NotImplementedError("ex10-truncation.smallestTruncation");
}
