/**
 * The claims each lecture checks: every `claim(...)` call in a lecture's code cells, and the line it printed
 * in that cell's stored outputs. The notebook runner (notebooks-lectures.test.ts) re-runs the lectures and
 * compares those outputs, so a stored "✓" line is one the current code prints. This file says how many claims
 * each lecture states, fails if one of them never ran (its line is missing: a claim inside a branch not taken,
 * or a notebook stored without running it), and fails for a lecture that checks none.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";

const LECTURES = join(__dirname, "..", "lectures");

/** Lectures whose prose is not yet checked by claim() calls: each must have none (remove it once it has). */
const NOT_YET_CHECKED: string[] = [];

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: { output_type: string; name?: string; text?: string | string[] }[];
}

interface Claim {
  cell: number;
  /** The statement as written in the call: a string, or a template whose ${...} parts match anything. */
  statement: string;
  pattern: RegExp;
}

const text = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join("") : (value ?? ""));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The claim(...) calls of one code cell, with a pattern for the line each prints. */
function claimsIn(source: string, cell: number): Claim[] {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true);
  const found: Claim[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "claim") {
      const first = node.arguments[0];
      let pieces: string[];
      if (first && ts.isStringLiteralLike(first)) pieces = [first.text];
      else if (first && ts.isTemplateExpression(first)) pieces = [first.head.text, ...first.templateSpans.map((span) => span.literal.text)];
      else throw new Error(`cell ${cell}: claim(${first?.getText()}, ...) must state its sentence in the call (a string or a template)`);
      const statement = first.getText().slice(1, -1);
      found.push({ cell, statement, pattern: new RegExp(`^✓ ${pieces.map(escape).join(".+?")}( \\(.*\\))?$`, "m") });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const lectures = readdirSync(LECTURES).filter((name) => name.endsWith(".ipynb")).sort();
const claimsByLecture = Object.fromEntries(
  lectures.map((name) => {
    const cells: Cell[] = JSON.parse(readFileSync(join(LECTURES, name), "utf8")).cells;
    const claims = cells.flatMap((cell, i) => (cell.cell_type === "code" ? claimsIn(text(cell.source), i) : []));
    const printed = (i: number) => (cells[i].outputs ?? []).filter((o) => o.output_type === "stream" && o.name === "stdout").map((o) => text(o.text)).join("");
    return [name, claims.map((c) => ({ ...c, ran: c.pattern.test(printed(c.cell)) }))];
  }),
);

it("lists the claims checked per lecture", () => {
  const table = lectures.map((name) => `${String(claimsByLecture[name].length).padStart(3)}  ${name}`);
  console.log(`claims checked per lecture:\n${table.join("\n")}`);
  expect(lectures.length).toBeGreaterThan(0);
});

describe.each(lectures)("%s", (name) => {
  const claims = claimsByLecture[name];
  if (NOT_YET_CHECKED.includes(name)) {
    it("is listed as not yet checked, so it states no claim yet", () => expect(claims).toEqual([]));
    return;
  }
  it("checks at least one claim its prose makes", () => expect(claims.length).toBeGreaterThan(0));
  it("ran every claim: each printed its ✓ line in the stored outputs of its cell", () => {
    expect(claims.filter((c) => !c.ran).map((c) => `cell ${c.cell}: ${c.statement}`)).toEqual([]);
  });
});

it("finds calls and matches their lines, templates included", () => {
  const [plain, template] = claimsIn('claim("a < b", a < b, { a });\nfor (const k of ks) claim(`k = ${k} learns`, ok);', 0);
  expect(plain.pattern.test("✓ a < b (a 0.5)")).toBe(true);
  expect(plain.pattern.test("✓ a < b, really")).toBe(false);
  expect(template.pattern.test("x\n✓ k = 5 learns\n")).toBe(true);
  expect(template.statement).toBe("k = ${k} learns");
  expect(() => claimsIn("claim(sentence, true);", 3)).toThrow("cell 3: claim(sentence, ...) must state its sentence in the call");
});
