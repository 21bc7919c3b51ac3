/**
 * The instructor's report: what students do not see. Students see each hidden case under a neutral id
 * ("hidden-2") with only "passed" or "failed"; this report says which case each one is and, for a failed
 * one, the feedback it would have had. Written next to the students' reports, only when there are hidden
 * cases (never in a student repository's CI, which grades public cases only).
 */
import type { SubmissionResult } from "../grade";

export function instructorReport(result: SubmissionResult): string | undefined {
  const hidden = result.exercises.flatMap((exercise) => exercise.outcomes.filter((o) => o.hidden).map((o) => ({ exercise: exercise.id, outcome: o })));
  if (!hidden.length) return undefined;
  const lines = [
    `# ${result.name}: hidden cases (instructor only)`,
    "",
    `${result.score} / ${result.maxScore} points in all. Students see each hidden case by its neutral id, passed or failed, nothing more.`,
    "",
    "| exercise | shown as | case | points | result |",
    "|---|---|---|---:|---|",
    ...hidden.map(({ exercise, outcome: o }) => `| ${exercise} | ${o.id} | ${cell(o.instructor?.id ?? "")} | ${o.points} / ${o.maxPoints} | ${o.passed ? "passed" : "failed"} |`),
    "",
  ];
  for (const { exercise, outcome: o } of hidden.filter(({ outcome }) => !outcome.passed)) {
    lines.push(`## ${exercise} › ${o.id} (${cell(o.instructor?.id ?? "")})`, "", "```text", fenced(o.instructor?.message ?? ""), "```", "");
  }
  return lines.join("\n");
}

/** Text a student's code produced, safe inside a ``` fence. */
function fenced(text: string): string {
  return text.replace(/```/g, "'''");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
