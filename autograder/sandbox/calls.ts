/**
 * Runs a list of calls in the sandbox, restarting the child after a call that crashed or hung, so one bad
 * case costs only its own points. A module that cannot load fails every call with the reason. With
 * `oneTimeoutPerFunction` (npm run check), a function that ran out of time is not called again. Each
 * answer is settled (graded, for a submission) the moment it arrives, so no returned value is kept longer.
 */
import { runChild, type CallResult, type Limits, type Settle, type Target } from "./child";
import type { Call } from "./protocol";

const asIs: Settle<CallResult> = (result) => result;

/** One settled result per call, in the order of `calls`. */
export function runCalls(target: Target, calls: Call[], limits: Limits): Promise<CallResult[]>;
export function runCalls<T>(target: Target, calls: Call[], limits: Limits, settle: Settle<T>): Promise<T[]>;
export async function runCalls<T>(target: Target, calls: Call[], limits: Limits, settle = asIs as unknown as Settle<T>): Promise<T[]> {
  const results: T[] = [];
  const add = (result: CallResult) => results.push(settle(result, results.length));
  const fill = (result: CallResult) => {
    while (results.length < calls.length) add(result);
    return results;
  };
  const timedOut = new Map<string, CallResult>(); // with limits.oneTimeoutPerFunction: what a function's later calls get
  while (results.length < calls.length) {
    const skipped = timedOut.get(calls[results.length].fn);
    if (skipped) {
      add(skipped);
      continue;
    }
    const offset = results.length;
    const rest = calls.slice(offset);
    const stop = rest.findIndex((call) => timedOut.has(call.fn));
    const left = stop < 0 ? rest : rest.slice(0, stop);
    if (Date.now() >= limits.deadline) return fill({ kind: "crash", message: "not run: the submission's grading time was used up" });
    const { answers, failure } = await runChild(target, left, limits, (result, i) => settle(result, offset + i));
    results.push(...answers);
    if (!failure) continue;
    const culprit = left[answers.length]?.id === failure.during;
    if (culprit) add(failure.result);
    else if (answers.length === 0) return fill(failure.result);
    if (culprit && failure.result.kind === "timeout" && limits.oneTimeoutPerFunction) timedOut.set(left[answers.length].fn, { ...failure.result, after: failure.during });
  }
  return results;
}
