/**
 * Long loops (fit, trainMLPRNN) stop when the notebook cell that runs them is interrupted (the stop
 * button, Kernel → Interrupt). A kernel's interrupt ends the cell, but code the cell awaits keeps
 * running: a training loop would go on in the background, beside the next cell. So the course's
 * kernel (tools/kernel/protocol.js) gives every cell a signal, aborted on interrupt, and the loops
 * check it between steps. Outside that kernel (scripts, tests, the grader) there is no signal and a
 * loop runs to its end.
 */

/** Where the course's kernel keeps a function returning the running cell's signal. */
const CELL_SIGNAL = Symbol.for("rnn-course.kernel.cellSignal");

export class InterruptedError extends Error {
  constructor(where: string) {
    super(`interrupted at ${where}`);
    this.name = "InterruptedError";
  }
}

/**
 * The signal of the cell running now (take it when a loop starts); undefined outside the course's
 * kernel.
 */
export function cellSignal(): AbortSignal | undefined {
  const signalOf = (globalThis as Record<symbol, unknown>)[CELL_SIGNAL];
  return typeof signalOf === "function" ? (signalOf as () => AbortSignal)() : undefined;
}

/**
 * Throws an InterruptedError naming `where` (e.g. "epoch 3, step 12") once the cell was
 * interrupted.
 */
export function stopIfInterrupted(signal: AbortSignal | undefined, where: string): void {
  if (signal?.aborted) throw new InterruptedError(where);
}
