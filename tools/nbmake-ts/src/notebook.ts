/**
 * Reading and writing nbformat 4 notebooks. Reading checks the shape we rely on and names what is wrong;
 * writing produces nbformat 4.5 (every cell has an id), byte for byte as Jupyter writes it (../../nbformat.ts).
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { ArgumentError } from "../../../src/errors";
import { splitLines, writeNotebookFile } from "../../nbformat";
import type { Output } from "./outputs";

export interface Cell {
  id?: string;
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: { tags?: string[]; [key: string]: unknown };
  outputs?: unknown[];
  execution_count?: number | null;
  [key: string]: unknown;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: { kernelspec?: { name?: string }; nbmake_ts?: { timeout?: number }; [key: string]: unknown };
  cells: Cell[];
}

const CELL_TYPES = ["code", "markdown", "raw"];

export function readNotebook(path: string): Notebook {
  let notebook: Notebook;
  try {
    notebook = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ArgumentError(path, "a notebook file in JSON (.ipynb)", (error as Error).message);
  }
  if (notebook?.nbformat !== 4) throw new ArgumentError(`${path}: nbformat`, "4", notebook?.nbformat);
  if (!Array.isArray(notebook.cells)) throw new ArgumentError(`${path}: cells`, "an array of cells", notebook.cells);
  notebook.cells.forEach((cell, index) => checkCell(cell, `${path}: cell ${index + 1}`));
  notebook.metadata ??= {};
  const kernel = notebook.metadata.kernelspec?.name;
  if (kernel !== undefined && kernel !== "tslab") {
    throw new ArgumentError(`${path}: metadata.kernelspec.name`, `"tslab"`, kernel, "This runner only runs TypeScript notebooks on the tslab kernel");
  }
  return notebook;
}

function checkCell(cell: Cell, where: string): void {
  if (!CELL_TYPES.includes(cell?.cell_type)) throw new ArgumentError(`${where}: cell_type`, "code, markdown or raw", cell?.cell_type);
  const source = cell.source;
  const text = typeof source === "string" || (Array.isArray(source) && source.every((line) => typeof line === "string"));
  if (!text) throw new ArgumentError(`${where}: source`, "a string or an array of strings", source);
  cell.metadata ??= {};
}

export const sourceOf = (cell: Cell): string => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);

export const tagsOf = (cell: Cell): string[] => (Array.isArray(cell.metadata.tags) ? cell.metadata.tags : []);

/**
 * Writes the notebook as Jupyter would, atomically; a file that already holds those bytes is left untouched
 * (an open front end sees no change on disk). Returns whether it wrote.
 */
export function writeNotebook(path: string, notebook: Notebook): boolean {
  return writeNotebookFile(path, toNbformat45(notebook));
}

/** nbformat 4.5 requires a unique id on every cell; keep those there, add the missing ones. */
function toNbformat45(notebook: Notebook): Notebook {
  const taken = new Set(notebook.cells.map((cell) => cell.id).filter(Boolean));
  for (const cell of notebook.cells) {
    while (!cell.id) {
      const id = randomBytes(4).toString("hex");
      if (!taken.has(id)) taken.add((cell.id = id));
    }
  }
  return { ...notebook, nbformat_minor: Math.max(notebook.nbformat_minor ?? 0, 5) };
}

/** Outputs as Jupyter stores them: stream text split into lines as nbformat splits it (the writer splits the rest). */
export function storedOutputs(outputs: Output[]): unknown[] {
  return outputs.map((output) => (output.output_type === "stream" ? { ...output, text: splitLines(output.text) } : output));
}
