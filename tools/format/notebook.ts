/**
 * Formatting notebooks: prettier does not read .ipynb, so each code cell's source is formatted on its own as
 * TypeScript (tslab's language: top-level `await`, a bare expression last to show its value), with the
 * project's prettier settings (package.json, "prettier"). Markdown cells are prose and stay as written.
 * Prettier cannot break a long string or template literal: a code line still over the width afterwards is a
 * problem for a person to fix, and is reported like a cell prettier cannot parse.
 */
import { format, resolveConfig } from "prettier";
import { notebookText } from "../nbformat";

/** The widest a notebook code line may be: narrow enough to read beside a notebook's margins on a laptop. */
export const WIDTH = 100;

/** A notebook's code lines that need a person: where (1-based cell and line numbers) and what. */
export interface Problem {
  cell: number;
  line: number;
  message: string;
}

export interface FormattedNotebook {
  /**
   * The notebook's file contents with every code cell formatted (cells prettier cannot parse unchanged), written
   * as Jupyter writes a notebook (tools/nbformat.ts).
   */
  text: string;
  /** 1-based numbers of the cells whose source changed, each with its first changed line. */
  changed: { cell: number; line: number }[];
  /** True when the file's bytes differ from how Jupyter would write it, whether or not a cell changed. */
  relaid: boolean;
  problems: Problem[];
}

interface Cell {
  cell_type: string;
  source: string | string[];
}

/** Formats every code cell of the notebook whose file contents are `text`; `path` picks prettier's settings. */
export async function formatNotebook(path: string, text: string): Promise<FormattedNotebook> {
  const notebook = JSON.parse(text) as { cells: Cell[] };
  const options = { ...(await resolveConfig(path)), parser: "typescript" };
  const changed: FormattedNotebook["changed"] = [];
  const problems: Problem[] = [];
  for (const [index, cell] of notebook.cells.entries()) {
    if (cell.cell_type !== "code") continue;
    const before = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    let after: string;
    try {
      after = before.trim() === "" ? before : (await format(before, options)).replace(/\n$/, "");
    } catch (error) {
      const line = (error as { loc?: { start?: { line?: number } } }).loc?.start?.line ?? 1;
      problems.push({ cell: index + 1, line, message: `prettier cannot parse it: ${firstLine(error)}` });
      continue;
    }
    if (after !== before) {
      changed.push({ cell: index + 1, line: firstDifference(before, after) });
      cell.source = after;
    }
    problems.push(...tooWide(after).map((line) => ({ cell: index + 1, ...line })));
  }
  // As Jupyter writes it: saving the notebook in a front end then changes nothing.
  const formatted = notebookText(notebook);
  return { text: formatted, changed, relaid: formatted !== text, problems };
}

function tooWide(source: string): { line: number; message: string }[] {
  return source.split("\n").flatMap((text, i) => {
    const columns = [...text].length; // code points: "ρ" and "‖" are one column each
    return columns > WIDTH ? [{ line: i + 1, message: `${columns} columns, over ${WIDTH}` }] : [];
  });
}

function firstDifference(before: string, after: string): number {
  const a = before.split("\n");
  const b = after.split("\n");
  const i = a.findIndex((line, k) => line !== b[k]);
  return (i < 0 ? a.length : i) + 1;
}

function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split("\n")[0];
}

