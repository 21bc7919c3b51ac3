/**
 * Turning what a student's function did into an Outcome a student can act on. `npm run check` and the
 * autograder both grade through here, so their feedback reads the same.
 */
import { CallResult, Case, DEFAULT_ATOL, DEFAULT_RTOL, Meta, Outcome } from "./case";
import { compare, shapeOf, show } from "./compare";
import { MAX_CASE_CHARS, MAX_NAME_CHARS, MAX_TEXT_CHARS, clip, listed } from "./limits";

export function grade(meta: Meta, c: Case, expected: unknown, result: CallResult): Outcome {
  const problem = describeProblem(meta, c, expected, result);
  const lines = [`called   ${describeCall(c)}`];
  if (problem) {
    lines.push(`problem  ${problem}`);
    if (c.hint) lines.push(`hint     ${c.hint}`);
  }
  return { id: c.id, passed: !problem, points: problem ? 0 : c.points, maxPoints: c.points, message: clip(lines.join("\n"), MAX_CASE_CHARS), problem: clip(problem, MAX_CASE_CHARS) };
}

/** The case fails without running: the module cannot be run at all (see `moduleProblem`). */
export function refused(c: Case, problem: string): Outcome {
  return { id: c.id, passed: false, points: 0, maxPoints: c.points, message: `called   ${describeCall(c)}\nproblem  ${problem}`, problem };
}

/** Node's permission model refuses a file it does not allow, a new process or a worker with this message. */
const RESTRICTED = "Access to this API has been restricted";
const SANDBOX = "(checked or graded, your code may read only the exercises and the course library)";

/** "" when the case passed, otherwise what went wrong. */
function describeProblem(meta: Meta, c: Case, expected: unknown, result: CallResult): string {
  const file = `${meta.module}.ts`;
  switch (result.kind) {
    case "value": {
      const comparison = compare(expected, result.value, c.rtol ?? DEFAULT_RTOL, c.atol ?? DEFAULT_ATOL, c.expectsNaN);
      return comparison.ok ? "" : `${comparison.message}\n         expected ${preview(expected)}`;
    }
    case "error": {
      const [name, message] = [clip(result.name, MAX_NAME_CHARS), clip(result.message, MAX_TEXT_CHARS)];
      if (message.startsWith("not implemented")) return `not implemented yet: ${c.fn} in ${file} still throws "${message}"`;
      if (message.startsWith(RESTRICTED)) return `${c.fn} threw ${name}: ${message}\n         ${SANDBOX}`;
      return `${c.fn} threw ${name}: ${message}`;
    }
    case "unreadable":
      return `${c.fn} ${clip(result.message, MAX_TEXT_CHARS)}`;
    case "missing-export": {
      const near = result.exports.length ? ` (it exports: ${listed(result.exports, undefined, result.more)})` : " (it exports no functions)";
      return `${file} has no exported function "${c.fn}"${near}: check the name and the \`export\` keyword`;
    }
    case "load-error":
      return `${file} could not be loaded: ${clip(result.message, MAX_TEXT_CHARS)}`;
    case "timeout":
      if (result.after) return `${c.fn} was not called again: it did not finish within ${result.ms / 1000} s on ${result.after}; is there a loop that never ends?`;
      return `${c.fn} did not finish within ${result.ms / 1000} s: is there a loop that never ends?`;
    case "crash":
      return `${c.fn} crashed: ${clip(result.message, MAX_TEXT_CHARS)}`;
  }
}

/** `fn(arg, ...)` with big arrays shown by their shape, so the line stays readable. */
export function describeCall(c: Case): string {
  return `${c.fn}(${c.args.map((a) => preview(a)).join(", ")})`;
}

function preview(value: unknown, limit = 60): string {
  if (Array.isArray(value)) {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" ? Number(show(v)) : v)).replace(/,/g, ", ");
    return text.length <= limit ? text : `<array ${shapeOf(value)}>`;
  }
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value).map(([k, v]) => `${k}: ${preview(v, 16)}`).join(", ")}}`;
  }
  return show(value);
}
