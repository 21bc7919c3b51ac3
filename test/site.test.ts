import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderCell } from "../tools/site/cell";
import { renderMarkdown, sectionHeadings } from "../tools/site/markdown";
import { Notebook } from "../tools/site/notebook";
import { indexPage, lecturePage } from "../tools/site/page";

const ROOT = join(__dirname, "..");
const FIXTURE = join(ROOT, "test", "fixtures", "site", "two-charts.ipynb");
const out = mkdtempSync(join(tmpdir(), "site-test-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const ids = () => {
  let n = 0;
  return () => `chart-${++n}`;
};

describe("markdown cells", () => {
  it("typesets inline math with KaTeX, also when it runs over a line break, and leaves underscores in math alone", () => {
    const html = renderMarkdown("later ($r_{50} \\approx\n0.95$; the values $x_t$ and $x_{t+1}$)");
    expect(html).not.toContain("$");
    expect(html).not.toContain("<em>");
    expect(html.match(/class="katex"/g)).toHaveLength(3);
  });

  it("typesets $$…$$ as display math and keeps an escaped dollar as text", () => {
    expect(renderMarkdown("$$\\sum_i a_i$$")).toContain("katex-display");
    expect(renderMarkdown("costs \\$5")).toBe("<p>costs $5</p>\n");
  });

  it("fails on a formula KaTeX cannot read, instead of printing it in red", () => {
    expect(() => renderMarkdown("$\\frac{1}$")).toThrow(/KaTeX parse error/);
  });

  it("gives headings ids and lists the level-2 ones for the index", () => {
    expect(renderMarkdown("## Why order matters")).toBe('<h2 id="why-order-matters">Why order matters</h2>\n');
    expect(sectionHeadings("# Title\n\n## One\n\ntext\n\n### Deeper\n\n## Two")).toEqual([
      { id: "one", html: "One" },
      { id: "two", html: "Two" },
    ]);
  });
});

describe("code cells", () => {
  it("highlights the code and escapes text outputs, dropping terminal colours", () => {
    const html = renderCell({ cell_type: "code", source: "const a = 1 < 2;", outputs: [{ output_type: "stream", name: "stderr", text: "\u001b[31m<boom>\u001b[0m" }] }, ids());
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain('<pre class="stderr">&lt;boom&gt;</pre>');
  });

  it("turns a chart into a vega-embed placeholder, its spec as JSON that cannot close the script, and the PNG as fallback", () => {
    const spec = { mark: "line", title: "</script><b>x</b>" };
    const html = renderCell(
      { cell_type: "code", source: "await show(spec)", outputs: [{ output_type: "display_data", data: { "application/vnd.vegalite.v5+json": spec, "image/png": "iVBORw0K\n", "text/plain": "chart" } }] },
      ids(),
    );
    expect(html).toContain('<div class="vega" data-spec="chart-1"></div><div class="fallback"><img alt="" src="data:image/png;base64,iVBORw0K"></div>');
    const json = /<script type="application\/json" id="chart-1">(.*?)<\/script>/.exec(html)![1];
    expect(JSON.parse(json)).toEqual(spec);
  });

  it("keeps the SVG as fallback for a chart stored with one (notebooks saved before the PNG)", () => {
    const data = { "application/vnd.vegalite.v5+json": { mark: "line" }, "image/svg+xml": ["<svg>", "</svg>"], "text/plain": "chart" };
    const html = renderCell({ cell_type: "code", source: "await show(spec)", outputs: [{ output_type: "display_data", data }] }, ids());
    expect(html).toContain('<div class="fallback"><svg></svg></div>');
  });
});

describe("pages", () => {
  const lecture = (slug: string, title: string, sections: string[]): Notebook => ({
    slug,
    title,
    cells: [{ cell_type: "markdown", source: [`# ${title}\n`, ...sections.map((s) => `\n## ${s}\n`)] }],
  });
  const one = lecture("01-time-series", "1. Time series", ["A mock dataset", "Why order matters"]);
  const two = lecture("02-history", "2. History", []);

  it("links each lecture to its neighbours and the index, relatively", () => {
    const html = lecturePage(two, one, undefined);
    expect(html).toContain('<a rel="prev" href="01-time-series.html">← 1. Time series</a>');
    expect(html).toContain('<a href="index.html">All lectures</a>');
    expect(html).not.toContain("vega.min.js"); // no charts, no scripts
  });

  it("lists every lecture and links its sections to the heading ids of its page", () => {
    const html = indexPage("Course", [one, two]);
    expect(html).toContain('<a href="01-time-series.html">1. Time series</a>');
    expect(html).toContain('<a href="02-history.html">2. History</a>');
    expect(html).toContain('<a href="01-time-series.html#why-order-matters">Why order matters</a>');
    expect(lecturePage(one)).toContain('<h2 id="why-order-matters">');
  });

  it("typesets a formula in a section heading in the index as on the lecture page, under the same id", () => {
    const heading = "One update per sample, or one per $N$ samples?";
    const three = lecture("03-memory", "3. Memory", [heading]);
    const index = indexPage("Course", [three]);
    const link = /<a href="03-memory\.html#([^"]+)">(.*?)<\/a><\/li>/.exec(index)!;
    expect(link[2]).not.toContain("$");
    expect(link[2]).toContain('class="katex"');
    expect(lecturePage(three)).toContain(`<h2 id="${link[1]}">${link[2]}</h2>`);
  });
});

describe("npm run site", () => {
  it("writes the pages and every asset they load into one folder, with no absolute path or remote address", () => {
    execFileSync(process.execPath, [join(ROOT, "node_modules", ".bin", "tsx"), "tools/site/cli.ts", "--no-lite", "--out", out, FIXTURE], { cwd: ROOT, stdio: "pipe" });
    const page = readFileSync(join(out, "two-charts.html"), "utf8");
    const index = readFileSync(join(out, "index.html"), "utf8");
    const loaded = [...(page + index).matchAll(/(?:src|href)="([^"#]+)/g)].map((m) => m[1]);
    expect(loaded.length).toBeGreaterThan(5);
    for (const path of loaded) expect(existsSync(join(out, path)), path).toBe(true);
    expect(page + index).not.toContain(ROOT);
    expect(page).not.toMatch(/(src|href)="(https?:|\/)/);
    expect(page.match(/class="chart"/g)).toHaveLength(2);
    expect(readdirSync(join(out, "assets", "katex", "fonts")).length).toBeGreaterThan(10);
  });
});
