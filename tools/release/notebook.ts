/**
 * The student's copy of a companion notebook: solution-only cells dropped, solution blocks stubbed, outputs
 * cleared (they were computed by the solution). Cells tagged `calls-student-code` also get the standard
 * `raises-exception` tag: against a stub they throw "not implemented", and a notebook runner must accept that.
 * Front ends send such cells with stop_on_error false, so Run All goes on past them to the check cell.
 *
 * That holds only if every cell that can fail because of the student's module is tagged, the cell that
 * imports it included (a syntax error fails the import): an untagged import would make Run All stop there,
 * before the report saying what to fix. So the release refuses a notebook whose untagged cell imports a
 * module of the exercise folder.
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
export function releaseNotebook(text: string, name = "the notebook"): string {
  const notebook = JSON.parse(text) as { cells: Cell[] };
  notebook.cells.forEach((cell, index) => checkImports(cell, `${name}, cell ${index + 1}`));
  notebook.cells = notebook.cells.filter((c) => !c.metadata.tags?.includes(SOLUTION_ONLY)).map(releaseCell);
  return notebookText(notebook);
}

/** `import ... from "./module"`: the exercise folder's own modules, the student's among them. */
const LOCAL_IMPORT = /\bfrom\s+["']\.\.?\//;

function checkImports(cell: Cell, where: string): void {
  if (cell.cell_type !== "code" || !LOCAL_IMPORT.test(sourceOf(cell)) || cell.metadata.tags?.includes(CALLS_STUDENT_CODE)) return;
  throw new Error(`${where} imports the exercise's module but is not tagged ${CALLS_STUDENT_CODE}: with a syntax error in the student's file, Run All would stop there, before the check cell`);
}

const sourceOf = (cell: Cell): string => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);

function releaseCell(cell: Cell): Cell {
  const source = sourceOf(cell);
  if (cell.cell_type !== "code") return { ...cell, source: stripMarkdown(source) };
  const tags = cell.metadata.tags ?? [];
  const metadata = tags.includes(CALLS_STUDENT_CODE) ? { ...cell.metadata, tags: [...tags, "raises-exception"] } : cell.metadata;
  return { ...cell, metadata, source: stubCell(source), outputs: [], execution_count: null };
}
