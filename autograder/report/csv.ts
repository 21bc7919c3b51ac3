/** The gradebook of a batch run: one row per submission, the total and each exercise's points. */
import type { SubmissionResult } from "../grade";

/** What the gradebook keeps of a graded submission. */
export interface GradebookRow {
  name: string;
  score: number;
  maxScore: number;
  /** Exercise id -> points. */
  points: Record<string, number>;
}

export function gradebookRow(result: SubmissionResult): GradebookRow {
  return { name: result.name, score: result.score, maxScore: result.maxScore, points: Object.fromEntries(result.exercises.map((e) => [e.id, e.points])) };
}

/** `exercises`: the columns, in the bundle's order. */
export function gradebookCsv(rows: GradebookRow[], exercises: string[]): string {
  const lines = [["submission", "score", "max_score", ...exercises]];
  for (const r of rows) lines.push([r.name, String(r.score), String(r.maxScore), ...exercises.map((id) => String(r.points[id] ?? 0))]);
  return lines.map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}

/** A CSV field, quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
