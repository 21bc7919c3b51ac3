/** Running the (trusted) solution in the same sandbox as students, so both answers travel the same way. */
import { join, relative } from "node:path";
import type { Case, Meta } from "../core";
import { runCalls } from "../sandbox/calls";
import { describeFailure, type Limits } from "../sandbox/child";
import type { Isolation } from "../sandbox/isolation";
import type { Call } from "../sandbox/protocol";
import { sandboxTarget } from "../sandbox/target";

/** Generous limits: a solution that needs more is a bug to fix, not a student to stop. */
export const solutionLimits = (isolation: Isolation): Limits => ({ caseTimeoutMs: 60_000, memoryMb: 2048, deadline: Date.now() + 600_000, isolation });

/**
 * Calls `<solutions>/<meta.id>/<file>.ts` for every call and returns the values in order. `mirror` is where
 * the solutions folder sits under the grader's root (the solution's relative imports are resolved there).
 * Throws, naming the case, when the solution does not answer one: a bundle must never hold a wrong answer.
 */
export async function solve(solutions: string, meta: Meta, file: string, calls: Call[], root: string, isolation: Isolation, mirror = relative(root, solutions)): Promise<unknown[]> {
  const entry = join(solutions, meta.id, `${file}.ts`);
  const results = await runCalls(sandboxTarget(solutions, entry, root, { mirror }), calls, solutionLimits(isolation));
  return results.map((result, i) => {
    if (result.kind === "value") return result.value;
    throw new Error(`${meta.id}: the solution ${file}.ts failed case "${calls[i].id}": ${result.kind} ${describeFailure(result)}`);
  });
}

export const asCalls = (cases: Case[]): Call[] => cases.map(({ id, fn, args }) => ({ id, fn, args }));

/**
 * A bundle never holds a NaN the case does not ask for: NaN never equals anything (core/compare.ts), so an
 * unintended NaN reference is a case nobody can pass. A case that does expect NaN says `expectsNaN: true`.
 */
export function checkNaN(meta: Meta, cases: Case[], expected: unknown[]): void {
  cases.forEach((c, i) => {
    const nan = holdsNaN(expected[i]);
    if (nan && !c.expectsNaN) throw new Error(`${meta.id}: the solution answers case "${c.id}" with NaN, which no answer can match; fix the case's inputs, or mark it expectsNaN: true if NaN is the point`);
    if (!nan && c.expectsNaN) throw new Error(`${meta.id}: case "${c.id}" says expectsNaN, but the solution's answer holds no NaN`);
  });
}

function holdsNaN(value: unknown): boolean {
  if (typeof value === "number") return Number.isNaN(value);
  if (Array.isArray(value)) return value.some(holdsNaN);
  return value !== null && typeof value === "object" && Object.values(value).some(holdsNaN);
}
