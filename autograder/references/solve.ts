/** Running the (trusted) solution in the same sandbox as students, so both answers travel the same way. */
import { join, relative } from "node:path";
import type { Case, Meta } from "../core";
import { runCalls } from "../sandbox/calls";
import { describeFailure, type Limits } from "../sandbox/child";
import type { Call } from "../sandbox/runner";
import { sandboxTarget } from "../sandbox/target";

/** Generous limits: a solution that needs more is a bug to fix, not a student to stop. */
export const SOLUTION_LIMITS = (): Limits => ({ caseTimeoutMs: 60_000, memoryMb: 2048, deadline: Date.now() + 600_000 });

/**
 * Calls `<solutions>/<meta.id>/<file>.ts` for every call and returns the values in order. `mirror` is where
 * the solutions folder sits under the grader's root (the solution's relative imports are resolved there).
 * Throws, naming the case, when the solution does not answer one: a bundle must never hold a wrong answer.
 */
export async function solve(solutions: string, meta: Meta, file: string, calls: Call[], root: string, mirror = relative(root, solutions)): Promise<unknown[]> {
  const entry = join(solutions, meta.id, `${file}.ts`);
  const results = await runCalls(sandboxTarget(solutions, entry, root, mirror), calls, SOLUTION_LIMITS());
  return results.map((result, i) => {
    if (result.kind === "value") return result.value;
    throw new Error(`${meta.id}: the solution ${file}.ts failed case "${calls[i].id}": ${result.kind} ${describeFailure(result)}`);
  });
}

export const asCalls = (cases: Case[]): Call[] => cases.map(({ id, fn, args }) => ({ id, fn, args }));
