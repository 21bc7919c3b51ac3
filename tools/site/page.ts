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

/** `lite`: where the notebook opens in the site's JupyterLite, for a link that runs it in the reader's browser. */
export function lecturePage(notebook: Notebook, previous?: Notebook, next?: Notebook, lite?: string): string {
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
${lite ? runLink(lite, "Open in the browser") : ""}${cells}
</main>
<nav>${nav}</nav>
${scripts}
</body>
</html>
`;
}

/** `lite`: the site's JupyterLite, linked from the top of the index. */
export function indexPage(title: string, notebooks: Notebook[], lite?: string): string {
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
${lite ? runLink(lite, "Open the course in the browser") : ""}<ul class="lectures">
${items.join("\n")}
</ul>
</main>
</body>
</html>
`;
}

/** A link into the site's JupyterLite, saying what it does: the notebook runs in this browser, nothing to install. */
function runLink(href: string, label: string): string {
  return `<p class="run"><a href="${escapeHtml(href)}">${label}</a>: run and edit the notebooks here, in JupyterLite, with nothing to install (your changes stay in this browser)</p>\n`;
}
