/**
 * One notebook cell as HTML. Charts (the vega-lite spec that `show` sends) become a placeholder that
 * vega-embed fills in the browser, with the stored picture (PNG; SVG in notebooks from before) inside, shown
 * until then or without JavaScript. Outputs come from the executed notebook: the site never runs code.
 */
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import { renderMarkdown } from "./markdown";
import { Cell, Output, text } from "./notebook";

hljs.registerLanguage("typescript", typescript);

const VEGA_LITE = /^application\/vnd\.vegalite\.v\d+\+json$/;

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Terminal colour codes (tslab colours its error messages) mean nothing in a page. */
const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, "");

/** `id` numbers the charts of a page, so each placeholder finds its spec. */
export function renderCell(cell: Cell, nextChartId: () => string): string {
  const source = text(cell.source);
  if (cell.cell_type === "markdown") return `<section class="markdown">${renderMarkdown(source)}</section>`;
  if (cell.cell_type === "raw") return "";
  const code = hljs.highlight(source, { language: "typescript" }).value;
  const outputs = (cell.outputs ?? []).map((output) => renderOutput(output, nextChartId)).join("\n");
  return `<section class="code"><pre class="input"><code class="hljs language-typescript">${code}</code></pre>${outputs ? `\n<div class="outputs">${outputs}</div>` : ""}</section>`;
}

function renderOutput(output: Output, nextChartId: () => string): string {
  if (output.output_type === "stream") {
    return `<pre class="${output.name === "stderr" ? "stderr" : "stdout"}">${escapeHtml(stripAnsi(text(output.text)))}</pre>`;
  }
  if (output.output_type === "error") return `<pre class="stderr">${escapeHtml(`${output.ename}: ${output.evalue}`)}</pre>`;
  const data = output.data ?? {};
  const vegaLite = Object.keys(data).find((mime) => VEGA_LITE.test(mime));
  const svg = data["image/svg+xml"] === undefined ? undefined : text(data["image/svg+xml"] as string | string[]);
  const png = data["image/png"] === undefined ? undefined : `<img alt="" src="data:image/png;base64,${text(data["image/png"] as string | string[]).trim()}">`;
  if (vegaLite) return chart(data[vegaLite], png ?? svg, nextChartId());
  if (svg) return `<figure class="svg">${svg}</figure>`;
  if (data["text/html"]) return `<div class="html">${text(data["text/html"] as string | string[])}</div>`;
  if (png) return png;
  if (data["text/markdown"]) return renderMarkdown(text(data["text/markdown"] as string | string[]));
  if (data["text/plain"]) return `<pre class="stdout">${escapeHtml(text(data["text/plain"] as string | string[]))}</pre>`;
  return "";
}

function chart(spec: unknown, picture: string | undefined, id: string): string {
  // "</" would end the <script> early; JSON allows the escaped form "<\/".
  const json = JSON.stringify(typeof spec === "string" ? JSON.parse(spec) : spec).replace(/<\//g, "<\\/");
  return [
    `<figure class="chart">`,
    `<div class="vega" data-spec="${id}"></div>`,
    picture ? `<div class="fallback">${picture}</div>` : "",
    `<script type="application/json" id="${id}">${json}</script>`,
    `</figure>`,
  ].join("");
}
