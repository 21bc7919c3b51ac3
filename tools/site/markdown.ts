/**
 * Markdown cells to HTML: marked (GitHub-flavoured markdown), math typeset by KaTeX (math.ts), and headings
 * with ids so the index can link to sections.
 */
import { Marked, Tokens } from "marked";
import { math } from "./math";

/** "Backpropagation through time" -> "backpropagation-through-time" */
export const slugify = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/<[^>]+>|[`*_$\\]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "");

const marked = new Marked({
  extensions: [math],
  renderer: {
    heading({ tokens, depth, text }: Tokens.Heading) {
      return `<h${depth} id="${slugify(text)}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
    },
  },
});

export function renderMarkdown(source: string): string {
  return marked.parse(source, { async: false }) as string;
}

export interface Section {
  /** The id its heading has on the lecture page. */
  id: string;
  /** The heading as HTML, formulas typeset, as the lecture page shows it. */
  html: string;
}

/** The level-2 headings of a markdown text, for the index's table of contents. */
export function sectionHeadings(source: string): Section[] {
  return marked
    .lexer(source)
    .filter((token): token is Tokens.Heading => token.type === "heading" && token.depth === 2)
    .map((token) => ({ id: slugify(token.text), html: marked.parseInline(token.text, { async: false }) as string }));
}
