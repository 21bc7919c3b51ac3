/** The HTML around the cells: one page per lecture and an index with every lecture and its sections. */
import { escapeHtml, renderCell } from "./cell";
import { sectionHeadings } from "./markdown";
import { Notebook, text } from "./notebook";

const HEAD = (title: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/highlight.css">
<link rel="stylesheet" href="assets/course.css">
</head>`;

export const pageName = (notebook: Notebook): string => `${notebook.slug}.html`;

export function lecturePage(notebook: Notebook, previous?: Notebook, next?: Notebook): string {
  let charts = 0;
  const cells = notebook.cells.map((cell) => renderCell(cell, () => `chart-${++charts}`)).join("\n");
  const nav = [
    previous ? `<a rel="prev" href="${pageName(previous)}">← ${escapeHtml(previous.title)}</a>` : "<span></span>",
    `<a href="index.html">All lectures</a>`,
    next ? `<a rel="next" href="${pageName(next)}">${escapeHtml(next.title)} →</a>` : "<span></span>",
  ].join("\n");
  // Scripts only on pages with charts: vega is the heaviest file of the site.
  const scripts = charts
    ? ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "charts.js"].map((s) => `<script src="assets/${s}"></script>`).join("\n")
    : "";
  return `${HEAD(notebook.title)}
<body>
<nav>${nav}</nav>
<main>
${cells}
</main>
<nav>${nav}</nav>
${scripts}
</body>
</html>
`;
}

export function indexPage(title: string, notebooks: Notebook[]): string {
  const items = notebooks.map((notebook) => {
    const sections = notebook.cells
      .filter((cell) => cell.cell_type === "markdown")
      .flatMap((cell) => sectionHeadings(text(cell.source)))
      .map((section) => `<li><a href="${pageName(notebook)}#${section.id}">${section.html}</a></li>`);
    const toc = sections.length ? `\n<ul>${sections.join("")}</ul>` : "";
    return `<li><a href="${pageName(notebook)}">${escapeHtml(notebook.title)}</a>${toc}</li>`;
  });
  return `${HEAD(title)}
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<ul class="lectures">
${items.join("\n")}
</ul>
</main>
</body>
</html>
`;
}
