/** The text a student reads: one block per case that failed, a tick per case that passed, a summary line. */
import type { Report } from "./check";

export function formatReport(report: Report): string {
  const lines = [`${report.id}  ${report.title}`];
  for (const o of report.outcomes) {
    lines.push(`  ${o.passed ? "✓" : "✗"} ${o.id}  (${o.points}/${o.maxPoints})`);
    if (!o.passed) lines.push(...o.message.split("\n").map((l) => `      ${l}`));
  }
  lines.push(summaryLine(report), "");
  return lines.join("\n");
}

export function summaryLine(report: Report): string {
  const passed = report.outcomes.filter((o) => o.passed).length;
  const all = report.outcomes.length;
  const verdict = passed === all ? "all passed" : `${passed} of ${all} cases passed`;
  return `${report.id}: ${report.points}/${report.maxPoints} points, ${verdict}`;
}
