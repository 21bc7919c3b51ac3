/** The parts of an .ipynb (nbformat 4) that the site shows. */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { ArgumentError } from "../../src/errors";

export interface Output {
  output_type: "stream" | "display_data" | "execute_result" | "error";
  name?: "stdout" | "stderr";
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

export interface Cell {
  cell_type: "markdown" | "code" | "raw";
  source: string | string[];
  outputs?: Output[];
}

export interface Notebook {
  /** File name without .ipynb: the page is `<slug>.html`. */
  slug: string;
  /** The first level-1 heading, else the file name. */
  title: string;
  cells: Cell[];
}

/** Joins nbformat's "multiline strings" (a string or a list of lines). */
export const text = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join("") : (value ?? ""));

export function readNotebook(path: string): Notebook {
  let json: { cells?: Cell[] };
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ArgumentError("notebook", "a readable .ipynb (JSON) file", path, (error as Error).message);
  }
  if (!Array.isArray(json.cells)) throw new ArgumentError("notebook", "an nbformat 4 notebook with a cells list", path);
  const slug = basename(path, ".ipynb");
  const heading = json.cells
    .filter((c) => c.cell_type === "markdown")
    .map((c) => /^#\s+(.+)$/m.exec(text(c.source))?.[1])
    .find(Boolean);
  return { slug, title: heading?.trim() ?? slug, cells: json.cells };
}
