/**
 * The student's copy of a companion notebook: solution-only cells dropped, solution blocks stubbed, outputs
 * cleared (they were computed by the solution). Cells tagged `calls-student-code` also get the standard
 * `raises-exception` tag: against a stub they throw "not implemented", and a notebook runner must accept that.
 */
import { stripMarkdown, stubCell } from "./strip";

interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: { tags?: string[]; [key: string]: unknown };
  outputs?: unknown[];
  execution_count?: number | null;
}

export const SOLUTION_ONLY = "solution-only";
export const CALLS_STUDENT_CODE = "calls-student-code";

export function releaseNotebook(text: string): string {
  const notebook = JSON.parse(text) as { cells: Cell[] };
  notebook.cells = notebook.cells.filter((c) => !c.metadata.tags?.includes(SOLUTION_ONLY)).map(releaseCell);
  return JSON.stringify(notebook, null, 1) + "\n";
}

function releaseCell(cell: Cell): Cell {
  const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
  if (cell.cell_type !== "code") return { ...cell, source: toLines(stripMarkdown(source)) };
  const tags = cell.metadata.tags ?? [];
  const metadata = tags.includes(CALLS_STUDENT_CODE) ? { ...cell.metadata, tags: [...tags, "raises-exception"] } : cell.metadata;
  return { ...cell, metadata, source: toLines(stubCell(source)), outputs: [], execution_count: null };
}

/** Jupyter's on-disk form: a list of lines, each but the last keeping its "\n". */
function toLines(source: string): string[] {
  return source.split(/(?<=\n)/);
}
