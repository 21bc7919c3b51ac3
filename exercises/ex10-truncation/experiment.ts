/**
 * The experiment of exercise 10: lecture 04's truncated-BPTT run on the echo task, at delay 6. A vanilla RNN of
 * 16 units and a linear head train for 40 passes over 32 sequences of 64 coin flips, in chunks of k steps
 * (Adam, learning rate 0.01), then run over 128 fresh sequences without truncation. The notebook runs it for
 * the chunk lengths you try; the grader runs it for your answer, from seeds of its own.
 */
import * as tf from "@tensorflow/tfjs";
import { Adam, DataLoader, F, Linear, RNN, echoWindows, seed, truncatedBPTT, useDevice } from "rnn-course";
import { THRESHOLDS } from "./thresholds";

/** What the grader asks of a judge (autograder/core/verdict.ts): a decision, and in words why. */
type Verdict = { passed: boolean; message: string };

/** The task: each target is the input this many steps earlier. */
export const DELAY = 6;
const STEPS = 64;
const PASSES = 40;
const HIDDEN = 16;

/** Trains with chunks of `truncation` steps from `runSeed`; the mean squared error on fresh sequences after it. */
export async function trainEcho(truncation: number, runSeed: number): Promise<number> {
  await useDevice(); // the course's backend (WebAssembly), as in the lectures, wherever this runs
  seed(runSeed);
  const [x, y] = new DataLoader(echoWindows({ count: 32, steps: STEPS, delay: DELAY }), { batchSize: 32, featureAxis: true }).first();
  const [testX, testY] = new DataLoader(echoWindows({ count: 128, steps: STEPS, delay: DELAY }), { batchSize: 128, featureAxis: true }).first();
  const rnn = new RNN({ inputSize: 1, hiddenSize: HIDDEN });
  const head = new Linear(HIDDEN, 1);
  const optimizer = new Adam([...rnn.parameters(), ...head.parameters()], { lr: 0.01 });
  const chunkLoss = (output: tf.Tensor3D, start: number) => F.mseLoss(head.forward(output), y.slice([0, start, 0], [32, output.shape[1], 1]));
  for (let pass = 0; pass < PASSES; pass++) truncatedBPTT(rnn, x as tf.Tensor3D, { chunkLength: truncation, optimizer, loss: chunkLoss });
  const loss = tf.tidy(() => F.mseLoss(head.forward(rnn.forward(testX).output), testY).dataSync()[0]);
  tf.dispose([x, y, testX, testY]);
  optimizer.dispose();
  rnn.dispose();
  head.dispose();
  return loss;
}

/** The losses of three runs from `runSeed` on, stopping once two agree on whether it learned (below THRESHOLDS.loss). */
export async function echoRuns(truncation: number, runSeed: number): Promise<number[]> {
  const losses: number[] = [];
  while (losses.length < 3) {
    losses.push(await trainEcho(truncation, runSeed + losses.length));
    const learned = losses.filter((loss) => loss < THRESHOLDS.loss).length;
    if (learned >= 2 || losses.length - learned >= 2) break;
  }
  return losses;
}

/** Whether most of the runs learned, and the runs in words. */
async function learns(truncation: number, runSeed: number): Promise<{ learned: boolean; said: string }> {
  const losses = await echoRuns(truncation, runSeed);
  const learned = losses.filter((loss) => loss < THRESHOLDS.loss).length * 2 > losses.length;
  return { learned, said: `k = ${truncation}: loss on fresh sequences ${losses.map((loss) => loss.toFixed(3)).join(", ")}` };
}

function truncationProblem(truncation: unknown): string {
  return Number.isInteger(truncation) && (truncation as number) >= 1 && (truncation as number) <= STEPS ? "" : `the truncation should be an integer from 1 to ${STEPS} (the sequences' length), got ${JSON.stringify(truncation)}`;
}

const LEARNED = () => `learned means below ${THRESHOLDS.loss.toFixed(2)} in most runs; guessing 0 scores ${((STEPS - DELAY) / STEPS).toFixed(2)}`;

/** The judge of the public case: does the echo task at delay 6 train with chunks of `truncation` steps? */
export async function learnsEcho(truncation: unknown, runSeed: number): Promise<Verdict> {
  const problem = truncationProblem(truncation);
  if (problem) return { passed: false, message: problem };
  const run = await learns(truncation as number, runSeed);
  return { passed: run.learned, message: `${run.said} (${LEARNED()}): ${run.learned ? "learned" : "not learned"}` };
}

/** The judge of the hidden case: it trains with `truncation`, and it does not with one step less. */
export async function smallestThatLearns(truncation: unknown, runSeed: number): Promise<Verdict> {
  const problem = truncationProblem(truncation);
  if (problem) return { passed: false, message: problem };
  const k = truncation as number;
  const run = await learns(k, runSeed);
  if (!run.learned) return { passed: false, message: `${run.said}: not learned (${LEARNED()})` };
  if (k === 1) return { passed: true, message: `${run.said}: learned, and no truncation is shorter` };
  const shorter = await learns(k - 1, runSeed + 100);
  return { passed: !shorter.learned, message: `${run.said}: learned; ${shorter.said}: ${shorter.learned ? "learned too, so a shorter truncation works" : "not learned"}` };
}
