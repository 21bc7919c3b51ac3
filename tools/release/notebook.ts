/**
 * The student's copy of a companion notebook: solution-only cells dropped, solution blocks stubbed, outputs
 * cleared (they were computed by the solution). Cells tagged `calls-student-code` also get the standard
 * `raises-exception` tag: against a stub they throw "not implemented", and a notebook runner must accept that.
 */
import { notebookText } from "../nbformat";
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

/** The released notebook's file, written as Jupyter writes it (tools/nbformat.ts). */
export function releaseNotebook(text: string): string {
  const notebook = JSON.parse(text) as { cells: Cell[] };
  notebook.cells = notebook.cells.filter((c) => !c.metadata.tags?.includes(SOLUTION_ONLY)).map(releaseCell);
  return notebookText(notebook);
}

function releaseCell(cell: Cell): Cell {
  const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
  if (cell.cell_type !== "code") return { ...cell, source: stripMarkdown(source) };
  const tags = cell.metadata.tags ?? [];
  const metadata = tags.includes(CALLS_STUDENT_CODE) ? { ...cell.metadata, tags: [...tags, "raises-exception"] } : cell.metadata;
  return { ...cell, metadata, source: stubCell(source), outputs: [], execution_count: null };
}
