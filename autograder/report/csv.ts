/** The gradebook of a batch run: one row per submission, the total and each exercise's points. */
import type { SubmissionResult } from "../grade";

export function gradebookCsv(results: SubmissionResult[]): string {
  const ids = [...new Set(results.flatMap((r) => r.exercises.map((e) => e.id)))];
  const rows = [["submission", "score", "max_score", ...ids]];
  for (const r of results) {
    const points = new Map(r.exercises.map((e) => [e.id, e.points]));
    rows.push([r.name, String(r.score), String(r.maxScore), ...ids.map((id) => String(points.get(id) ?? 0))]);
  }
  return rows.map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}

/** A CSV field, quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
