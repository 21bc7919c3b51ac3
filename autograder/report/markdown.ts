/** A Markdown summary for a CI job summary or a pull-request comment: the table, then what failed and why. */
import type { SubmissionResult } from "../grade";

export function markdownSummary(result: SubmissionResult): string {
  const lines = [
    `## Autograder: ${result.score} / ${result.maxScore} points`,
    "",
    "| exercise | points | cases passed |",
    "|---|---:|---:|",
    ...result.exercises.map((e) => `| ${e.id}: ${cell(e.title)} | ${e.points} / ${e.maxPoints} | ${e.outcomes.filter((o) => o.passed).length} / ${e.outcomes.length} |`),
    "",
    ...(result.notes.length ? ["```text", ...result.notes.map(fenced), "```", ""] : []),
    `Isolation: ${result.isolation}`,
    "",
  ];
  for (const exercise of result.exercises) {
    const failed = exercise.outcomes.filter((o) => !o.passed);
    if (!failed.length) continue;
    lines.push(`<details><summary>${exercise.id}: ${failed.length} case${failed.length > 1 ? "s" : ""} failed</summary>`, "");
    for (const o of failed) {
      lines.push(o.hidden ? `- hidden case \`${o.id}\` failed (${o.maxPoints} pt)` : `- \`${o.id}\` (${o.maxPoints} pt)`);
      if (!o.hidden) lines.push("", "```text", fenced(o.message), "```", "");
    }
    lines.push("</details>", "");
  }
  return lines.join("\n");
}

/** Text a student controls, safe inside a ``` fence (theirs cannot close it early). */
function fenced(text: string): string {
  return text.replace(/```/g, "'''");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
