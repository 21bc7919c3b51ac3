/**
 * Judged cases. Where many answers are right (weights set by hand, a choice an experiment puts to the test),
 * a student's answer is not compared with the solution's: the exercise's experiment module (experiment.ts,
 * trusted code the grader runs in a sandbox of its own, never beside student code) judges it, on inputs the
 * student's code never sees (fresh sequences, a held-out split, the grader's own seeds), and says why.
 */

/** The judge of a case: `fn(answer, ...args)` from the exercise's experiment.ts gives a Verdict. */
export interface Judge {
  fn: string;
  /** The judge's own inputs (a seed for fresh data, the task's size): never given to the student's code. */
  args: unknown[];
}

/** What a judge decided, and in words why (shown to the student for a public case). */
export interface Verdict {
  passed: boolean;
  message: string;
}

/** The experiment module of an exercise: its file name without extension, next to the student's module. */
export const EXPERIMENT_MODULE = "experiment";

/** Whether `value` is a Verdict (a judge is trusted, but its answer still crosses a process boundary). */
export function isVerdict(value: unknown): value is Verdict {
  return typeof value === "object" && value !== null && typeof (value as Verdict).passed === "boolean" && typeof (value as Verdict).message === "string";
}
