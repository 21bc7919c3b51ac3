/**
 * Every lecture ends as d2l's sections do: a "Summary", then "Check yourself" questions whose answers are one
 * click away. The convention (README, "For instructors"): each question a paragraph starting "**N.**", its
 * answer right after it in `<details><summary>Answer</summary>`, with blank lines around the answer, written as
 * prose and $formulas$ with HTML for code and emphasis (Debian's nbconvert 6.5 reads no markdown inside it).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const LECTURES = join(__dirname, "..", "lectures");

/** Lectures that do not end this way yet: each must still lack answers (remove it once it has them). */
const NOT_YET: string[] = [];

const OPEN = "<details><summary>Answer</summary>";

/** The markdown of a lecture, cell after cell. */
function markdownOf(name: string): string {
  const cells: { cell_type: string; source: string | string[] }[] = JSON.parse(readFileSync(join(LECTURES, name), "utf8")).cells;
  return cells
    .filter((cell) => cell.cell_type === "markdown")
    .map((cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source))
    .join("\n\n");
}

/** Problems with the "Check yourself" section of `markdown`, as sentences (none: it follows the convention). */
function endingProblems(markdown: string): string[] {
  const summary = markdown.lastIndexOf("\n## Summary");
  const check = markdown.lastIndexOf("\n## Check yourself");
  if (summary < 0 || check < 0) return ['no "## Summary" and "## Check yourself" sections'];
  if (check < summary) return ['"## Check yourself" comes before "## Summary"'];
  const section = markdown.slice(check);
  if (/\n## /.test(section.slice(1))) return ['a section follows "## Check yourself": it must be the last'];
  const questions = [...section.matchAll(/^\*\*(\d+)\.\*\* /gm)].map((m) => Number(m[1]));
  const problems: string[] = [];
  if (questions.length === 0) problems.push("no questions (paragraphs starting **1.**, **2.**, ...)");
  if (questions.some((n, i) => n !== i + 1)) problems.push(`questions numbered ${questions.join(", ")}, not 1, 2, 3, ...`);
  // Each question, up to the next one, holds exactly one answer, written so markdown inside it is read as such.
  const blocks = section.split(/^(?=\*\*\d+\.\*\* )/m).slice(1);
  blocks.forEach((block, i) => {
    const answers = block.split(OPEN).length - 1;
    if (answers !== 1) problems.push(`question ${i + 1} has ${answers} answers, not 1`);
    else if (!/\n\n<details><summary>Answer<\/summary>\n\n[\s\S]*\S\n\n<\/details>\s*$/.test(block)) {
      problems.push(`question ${i + 1}: its answer must be "${OPEN}", a blank line, the answer, a blank line, "</details>"`);
    } else if (markdownSyntax(block.slice(block.indexOf(OPEN)))) {
      problems.push(`question ${i + 1}: its answer uses markdown (${markdownSyntax(block.slice(block.indexOf(OPEN)))}); write <code>, <em>, <b>`);
    }
  });
  return problems;
}

/** Markdown syntax outside formulas (code spans, emphasis, list items), which nbconvert 6.5 shows raw in an answer. */
function markdownSyntax(answer: string): string | undefined {
  const prose = answer.replace(/\$\$[\s\S]*?\$\$|\$[^$]*\$/g, "");
  return /`[^`]*`|\*\*?[^\s*][^*]*\*|(?<![\w\\])_[^\s_][^_]*_(?!\w)|^ *([-+*]|\d+\.) /m.exec(prose)?.[0];
}

const lectures = readdirSync(LECTURES).filter((name) => name.endsWith(".ipynb")).sort();

describe.each(lectures)("%s", (name) => {
  if (NOT_YET.includes(name)) {
    it("is listed as not ending this way yet, so it has no answers yet", () => expect(markdownOf(name)).not.toContain(OPEN));
    return;
  }
  it('ends with "Summary" and "Check yourself", every question with its answer one click away', () => {
    expect(endingProblems(markdownOf(name))).toEqual([]);
  });
});

describe("the check itself", () => {
  const good = `## Summary\n\n- a point\n\n## Check yourself\n\n**1.** Why?\n\n${OPEN}\n\nBecause $x$.\n\n</details>\n\n**2.** How?\n\n${OPEN}\n\nLike so.\n\n</details>\n`;

  it("accepts the convention", () => expect(endingProblems(`# Title\n\ntext\n${good}`)).toEqual([]));

  it("names what is wrong", () => {
    expect(endingProblems("# Title\n\n## Summary\n\n- x")).toEqual(['no "## Summary" and "## Check yourself" sections']);
    expect(endingProblems(`\n${good.replace("\n\nBecause", "\nBecause")}`)).toEqual([
      `question 1: its answer must be "${OPEN}", a blank line, the answer, a blank line, "</details>"`,
    ]);
    expect(endingProblems(`\n${good.replace(`${OPEN}\n\nLike so.\n\n</details>\n`, "")}`)).toEqual(["question 2 has 0 answers, not 1"]);
    expect(endingProblems(`\n${good.replace("**2.**", "**3.**")}`)).toEqual(["questions numbered 1, 3, not 1, 2, 3, ..."]);
    expect(endingProblems(`\n${good}\n## Appendix\n`)).toEqual(['a section follows "## Check yourself": it must be the last']);
    expect(endingProblems(`\n${good.replace("Like so.", "Like `fit`, *so* $a_1 * b_2$.")}`)).toEqual([
      "question 2: its answer uses markdown (`fit`); write <code>, <em>, <b>",
    ]);
    expect(endingProblems(`\n${good.replace("Like so.", "Like <code>fit</code>, <em>so</em> $a_{t} * b_{t}$, x_t.")}`)).toEqual([]);
  });
});
