/**
 * Runs a list of calls in the sandbox, restarting the child after a call that crashed or hung, so one bad
 * case costs only its own points. A module that cannot load fails every call with the reason. With
 * `oneTimeoutPerFunction` (npm run check), a function that ran out of time is not called again.
 */
import { runChild, type CallResult, type Limits, type Target } from "./child";
import type { Call } from "./protocol";

/** One result per call, in the order of `calls`. */
export async function runCalls(target: Target, calls: Call[], limits: Limits): Promise<CallResult[]> {
  const results: CallResult[] = [];
  const timedOut = new Map<string, CallResult>(); // with limits.oneTimeoutPerFunction: what a function's later calls get
  while (results.length < calls.length) {
    const skipped = timedOut.get(calls[results.length].fn);
    if (skipped) {
      results.push(skipped);
      continue;
    }
    const rest = calls.slice(results.length);
    const stop = rest.findIndex((call) => timedOut.has(call.fn));
    const left = stop < 0 ? rest : rest.slice(0, stop);
    if (Date.now() >= limits.deadline) return fill(results, calls, { kind: "crash", message: "not run: the submission's grading time was used up" });
    const { answers, failure } = await runChild(target, left, limits);
    results.push(...answers);
    if (!failure) continue;
    const culprit = left[answers.length]?.id === failure.during;
    if (culprit) results.push(failure.result);
    else if (answers.length === 0) return fill(results, calls, failure.result);
    if (culprit && failure.result.kind === "timeout" && limits.oneTimeoutPerFunction) timedOut.set(left[answers.length].fn, { ...failure.result, after: failure.during });
  }
  return results;
}

function fill(results: CallResult[], calls: Call[], result: CallResult): CallResult[] {
  while (results.length < calls.length) results.push(result);
  return results;
}
