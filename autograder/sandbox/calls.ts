/**
 * Runs a list of calls in the sandbox, restarting the child after a call that crashed or hung, so one bad
 * case costs only its own points. A module that cannot load fails every call with the reason.
 */
import { runChild, type CallResult, type Limits, type Target } from "./child";
import type { Call } from "./runner";

export async function runCalls(target: Target, calls: Call[], limits: Limits): Promise<Map<string, CallResult>> {
  const results = new Map<string, CallResult>();
  let left = calls;
  while (left.length > 0) {
    if (Date.now() >= limits.deadline) return failRest(results, left, "not run: the submission's grading time budget was used up");
    const { answers, failure } = await runChild(target, left, limits);
    for (const answer of answers) results.set(answer.id, answer);
    left = left.slice(answers.length);
    if (!failure) continue;
    const culprit = left.findIndex((call) => call.id === failure.during);
    if (culprit < 0 && answers.length === 0) return failRest(results, left, failure.message);
    if (culprit >= 0) results.set(left[culprit].id, { id: left[culprit].id, ok: false, message: failure.message });
    left = left.slice(culprit + 1);
  }
  return results;
}

function failRest(results: Map<string, CallResult>, calls: Call[], message: string): Map<string, CallResult> {
  for (const call of calls) results.set(call.id, { id: call.id, ok: false, message });
  return results;
}
