/** The text a student reads: one block per case that failed, a tick per case that passed, summary lines. */
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

/** "total: 12/136 points, 5 of 60 cases passed, 1 of 10 exercises complete" */
export function totalLine(reports: Report[]): string {
  const sum = (f: (r: Report) => number) => reports.reduce((s, r) => s + f(r), 0);
  const passed = sum((r) => r.outcomes.filter((o) => o.passed).length);
  const complete = reports.filter((r) => r.outcomes.every((o) => o.passed)).length;
  return `total: ${sum((r) => r.points)}/${sum((r) => r.maxPoints)} points, ${passed} of ${sum((r) => r.outcomes.length)} cases passed, ${complete} of ${reports.length} exercises complete`;
}
