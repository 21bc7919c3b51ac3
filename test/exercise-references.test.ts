/**
 * Each exercise notebook opens by naming the lecture sections it builds on, e.g.
 * *Lecture 03, sections "A memory vector" and "The standard RNN cell" ([03-memory-and-rnn](...)).*
 * Those sections must exist in that lecture, and each link must lead to a lecture it names: a renamed section
 * or notebook is caught here.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");
/** Exercises still naming the seed lecture's slide titles instead of the course's sections (remove once fixed). */
const NOT_YET = ["ex07-gradient-norms", "ex08-lstm-cell", "ex09-gru-cell", "ex10-forecast"];

const sourceOf = (cell: { source: string | string[] }) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);
const cellsOf = (path: string): { cell_type: string; source: string | string[] }[] => JSON.parse(readFileSync(path, "utf8")).cells;

/** The headings of a lecture, by its number ("03"). */
function headings(number: string): { file: string; titles: string[] } {
  const file = readdirSync(join(ROOT, "lectures")).find((name) => name.startsWith(`${number}-`) && name.endsWith(".ipynb"));
  if (!file) return { file: "", titles: [] };
  const titles = cellsOf(join(ROOT, "lectures", file))
    .filter((cell) => cell.cell_type === "markdown")
    .flatMap((cell) => [...sourceOf(cell).matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1].trim()));
  return { file, titles };
}

/** Every (lecture number, section title) an opening line names, and the notebooks it links to. */
function references(line: string): { sections: [string, string][]; links: string[] } {
  const sections: [string, string][] = [];
  for (const part of line.split(";")) {
    const number = /[Ll]ecture (\d\d)/.exec(part)?.[1];
    if (number) for (const title of part.matchAll(/"([^"]+)"/g)) sections.push([number, title[1]]);
  }
  return { sections, links: [...line.matchAll(/\]\(\.\.\/\.\.\/lectures\/([\w-]+\.ipynb)\)/g)].map((m) => m[1]) };
}

const exercises = readdirSync(join(ROOT, "solutions")).filter((name) => /^ex\d\d-/.test(name)).sort();

describe.each(exercises)("%s", (exercise) => {
  const notebook = join(ROOT, "solutions", exercise, `${exercise}.ipynb`);
  const opening = sourceOf(cellsOf(notebook)[0]);
  const line = /^\*(.*[Ll]ecture.*)\*$/m.exec(opening)?.[1] ?? "";

  if (NOT_YET.includes(exercise)) {
    it("is listed as not yet naming the course's sections", () => expect(references(line).sections).toEqual([]));
    return;
  }
  it("names lecture sections that exist, and links to those lectures", () => {
    const { sections, links } = references(line);
    expect(sections.length, `opening line: ${line}`).toBeGreaterThan(0);
    for (const [number, title] of sections) expect(headings(number).titles, `lecture ${number}`).toContain(title);
    const lectures = sections.map(([number]) => headings(number).file);
    expect(links.length, "a link to the lecture").toBeGreaterThan(0);
    for (const link of links) expect(lectures).toContain(link);
  });
});
