/**
 * Removing solutions from instructor source. Solution code sits between `// BEGIN SOLUTION` and
 * `// END SOLUTION` lines: inside a function the block becomes a `throw new NotImplementedError(...)`, at the top
 * level (helpers, notes) it disappears. Notebooks: the same markers in code cells, `<!-- BEGIN SOLUTION -->`
 * spans in markdown, and whole cells tagged `solution-only`.
 */

const BEGIN = /^(\s*)\/\/ BEGIN SOLUTION\s*$/;
const END = /^\s*\/\/ END SOLUTION\s*$/;
const FUNCTION = /^\s*(?:export\s+)?(?:async\s+)?function\s+(\w+)/;

/** The student's version of a TypeScript module from exercise `exercise` (e.g. "ex06-rnn-cell"). */
export function stubModule(source: string, exercise: string): string {
  const out = replaceBlocks(source.split("\n"), (indent, before) => {
    if (!indent) return [];
    const fn = [...before].reverse().map((l) => FUNCTION.exec(l)?.[1]).find(Boolean);
    if (!fn) throw new Error(`${exercise}: a solution block outside any function is indented; cannot name its stub`);
    return [`${indent}throw new NotImplementedError("${exercise}.${fn}");`];
  });
  return addImport(squeezeBlankLines(out).join("\n"));
}

/** A code cell's source with each solution block replaced by a comment asking for the student's code. */
export function stubCell(source: string): string {
  return replaceBlocks(source.split("\n"), (indent) => [`${indent}// your code here`]).join("\n");
}

/** A markdown cell's source without its `<!-- BEGIN SOLUTION -->` ... `<!-- END SOLUTION -->` spans. */
export function stripMarkdown(source: string): string {
  return source.replace(/<!-- BEGIN SOLUTION -->[\s\S]*?<!-- END SOLUTION -->\n?/g, "");
}

/** True if any solution marker is left in `text` (the release refuses to write such a file). */
export function hasMarker(text: string): boolean {
  return /BEGIN SOLUTION|END SOLUTION/.test(text);
}

function replaceBlocks(lines: string[], replacement: (indent: string, before: string[]) => string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const begin = BEGIN.exec(lines[i]);
    if (!begin) {
      out.push(lines[i]);
      continue;
    }
    const end = lines.findIndex((l, j) => j > i && END.test(l));
    if (end < 0) throw new Error(`"// BEGIN SOLUTION" on line ${i + 1} has no "// END SOLUTION"`);
    out.push(...replacement(begin[1], out));
    i = end;
  }
  return out;
}

/** Removing a top-level block can leave two blank lines in a row, or one at the end: keep one / none. */
function squeezeBlankLines(lines: string[]): string[] {
  const out = lines.filter((l, i) => !(l.trim() === "" && i > 0 && lines[i - 1].trim() === ""));
  while (out.length > 1 && out[out.length - 1] === "" && out[out.length - 2] === "") out.pop();
  return out;
}

/** Stubs throw NotImplementedError from the course library: import it after the file's opening comment. */
function addImport(source: string): string {
  if (!source.includes("new NotImplementedError(") || /import\s*\{[^}]*\bNotImplementedError\b/.test(source)) return source;
  const line = 'import { NotImplementedError } from "rnn-course";\n';
  const commentEnd = source.startsWith("/**") ? source.indexOf("*/") + 3 : 0;
  return source.slice(0, commentEnd) + (commentEnd ? "\n" : "") + line + source.slice(commentEnd);
}
