/**
 * The experiment of exercise 7: run an RNN whose weights were set by hand over sequences of coin flips and
 * see whether it echoes them. The notebook runs it on your weights; the grader runs the same code on fresh
 * sequences drawn from its own seed (`echoesFreshSequences`), so weights fitted to particular sequences fail.
 */
import { random, readableKernel, seed } from "rnn-course";
import type { EchoRnn } from "./echo-weights";

/** What the grader asks of a judge (autograder/core/verdict.ts): a decision, and in words why. */
type Verdict = { passed: boolean; message: string };

/** How close every output must come to its target. */
export const TOLERANCE = 0.01;
/** The largest hidden size the grader runs. */
export const MAX_HIDDEN = 64;

/** `count` sequences of `steps` coin flips ±1, from the course's generator seeded with `flipSeed`. */
export function coinFlips(count: number, steps: number, flipSeed: number): number[][] {
  seed(flipSeed);
  return Array.from({ length: count }, () => Array.from({ length: steps }, () => (random() < 0.5 ? -1 : 1)));
}

/** The echo of `inputs`: the input `delay` steps earlier, 0 while there is none. */
export function echoTargets(inputs: number[], delay: number): number[] {
  return inputs.map((_, t) => (t < delay ? 0 : inputs[t - delay]));
}

/** The head's output after every step of `inputs`, the RNN started from h = 0 (PyTorch's nn.RNN, float64). */
export function runEcho(model: EchoRnn, inputs: number[]): number[] {
  const H = model.wHh.length;
  const dims = { batch: 1, steps: inputs.length, input: 1, hidden: H };
  const weights = { wIh: Float64Array.from(model.wIh.flat()), wHh: Float64Array.from(model.wHh.flat()), bIh: Float64Array.from(model.bIh), bHh: Float64Array.from(model.bHh) };
  const { output } = readableKernel.forward("rnn_tanh", dims, Float64Array.from(inputs), new Float64Array(H), null, weights);
  return inputs.map((_, t) => model.wHy.reduce((sum, w, j) => sum + w * output[t * H + j], model.bHy));
}

const short = (v: number) => String(Number(v.toPrecision(3)));

/** "" when `model` has the shapes of an EchoRnn of some hidden size up to MAX_HIDDEN, else what is wrong. */
export function weightsProblem(model: unknown): string {
  const H = Array.isArray((model as EchoRnn | null)?.wHh) ? (model as EchoRnn).wHh.length : 0;
  if (H < 1 || H > MAX_HIDDEN) return `wHh should have between 1 and ${MAX_HIDDEN} rows (one per hidden unit), got ${H}`;
  return shapeProblem(model as Record<string, unknown>, { wIh: [H, 1], wHh: [H, H], bIh: [H], bHh: [H], wHy: [H], bHy: [] });
}

/** "" when every field has its shape ([rows, cols] a matrix, [n] a vector, [] a number) and is finite, else what is not. */
function shapeProblem(model: Record<string, unknown>, fields: Record<string, number[]>): string {
  for (const [name, shape] of Object.entries(fields)) {
    const problem = fieldProblem(model[name], shape, name);
    if (problem) return problem;
  }
  return "";
}

function fieldProblem(value: unknown, shape: number[], name: string): string {
  if (shape.length === 0) return typeof value === "number" && Number.isFinite(value) ? "" : `${name} should be a finite number, got ${JSON.stringify(value)}`;
  const [length, ...inner] = shape;
  const numbers = (n: number) => `${n} number${n === 1 ? "" : "s"}`;
  const wanted = inner.length ? `${length} rows of ${numbers(inner[0])}` : numbers(length);
  if (!Array.isArray(value) || value.length !== length) return `${name} should hold ${wanted}, got ${Array.isArray(value) ? `${value.length}` : JSON.stringify(value)}`;
  for (let i = 0; i < length; i++) {
    const problem = fieldProblem(value[i], inner, `${name}[${i}]`);
    if (problem) return problem;
  }
  return "";
}

/** The judge: do these weights echo `delay` steps late, within TOLERANCE, on 64 fresh sequences of 50 flips? */
export function echoesFreshSequences(model: unknown, delay: number, seed: number): Verdict {
  const problem = weightsProblem(model);
  if (problem) return { passed: false, message: problem };
  const sequences = coinFlips(64, 50, seed);
  let worst = { error: -1, sequence: 0, step: 0, output: 0, target: 0 };
  sequences.forEach((inputs, sequence) => {
    const targets = echoTargets(inputs, delay);
    runEcho(model as EchoRnn, inputs).forEach((output, step) => {
      const error = Math.abs(output - targets[step]);
      if (!(error <= worst.error)) worst = { error, sequence, step, output, target: targets[step] };
    });
  });
  const H = (model as EchoRnn).wHh.length;
  const where = `64 fresh sequences of 50 coin flips, delay ${delay}, H = ${H}`;
  if (worst.error <= TOLERANCE) return { passed: true, message: `every output within ${TOLERANCE} of its target (largest error ${short(worst.error)}) on ${where}` };
  const { sequence, step, output, target } = worst;
  return { passed: false, message: `on ${where}, the largest error is ${short(worst.error)}: sequence ${sequence}, step ${step}, output ${short(output)} where the echo is ${target}` };
}
