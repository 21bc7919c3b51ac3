/**
 * Where a stored notebook is read, which part of a chart output is shown. Each front end picks one MIME type
 * of an output by a rule of its own (the rules below, with where they come from); a chart is visible only if
 * that pick is a part the front end draws. A chart output that also carried an SVG, for instance, would be
 * blank in nbconvert 6's HTML and unreliable on GitHub (the last test). The browser tests check two of these
 * for real: classic Notebook before running, and Debian's nbconvert 6.5.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");
const VEGA_LITE = "application/vnd.vegalite.v5+json";

interface FrontEnd {
  /** The MIME type it shows for an output with these types (undefined: none it can show). */
  pick(types: string[]): string | undefined;
  /** The types it draws as a picture. */
  draws: string[];
}

const firstOf = (order: string[]) => (types: string[]) => order.find((type) => types.includes(type));

/** classic Notebook 6 (notebook/static/notebook/js/outputarea.js): OutputArea.display_order and safe_outputs. */
const CLASSIC_ORDER = ["application/javascript", "text/html", "text/markdown", "text/latex", "image/svg+xml", "image/png", "image/jpeg", "image/gif", "application/pdf", "text/plain"];
const CLASSIC_SAFE = ["text/plain", "text/latex", "image/png", "image/jpeg", "image/gif"];

const FRONT_ENDS: Record<string, FrontEnd> = {
  // @jupyterlab/rendermime: the renderer of lowest rank among the types present (html 50, markdown 60,
  // latex 70, svg 80, image 90, text 120) and @jupyterlab/vega5-extension's rank 57 for vega-lite v5. Vega-lite
  // is "safe", so an untrusted notebook draws it too.
  "JupyterLab 4": {
    pick: (types) => {
      const rank: Record<string, number> = { "text/html": 50, [VEGA_LITE]: 57, "text/markdown": 60, "text/latex": 70, "image/svg+xml": 80, "image/png": 90, "text/plain": 120 };
      return types.filter((type) => type in rank).sort((a, b) => rank[a] - rank[b])[0];
    },
    draws: [VEGA_LITE, "image/svg+xml", "image/png"],
  },
  "classic Notebook 6, a notebook not run here (untrusted)": { pick: firstOf(CLASSIC_ORDER.filter((type) => CLASSIC_SAFE.includes(type))), draws: ["image/png"] },
  "classic Notebook 6, trusted": { pick: firstOf(CLASSIC_ORDER), draws: ["image/svg+xml", "image/png"] },
  // nbconvert 6.5 and 7 (nbconvert/exporters/html.py): display_data_priority. 6.5's sanitizer empties SVG.
  "nbconvert 6.5 --to html": {
    pick: firstOf(["application/vnd.jupyter.widget-view+json", "application/javascript", "text/html", "text/markdown", "image/svg+xml", "text/latex", "image/png", "image/jpeg", "text/plain"]),
    draws: ["image/png", "image/jpeg"],
  },
  // VS Code puts application/vnd.* types first; vega-lite needs the Jupyter renderers extension.
  "VS Code with the Jupyter renderers": { pick: firstOf([VEGA_LITE, "text/html", "image/svg+xml", "image/png", "text/plain"]), draws: [VEGA_LITE, "image/svg+xml", "image/png"] },
  "VS Code without them": { pick: firstOf(["text/html", "image/svg+xml", "image/png", "text/plain"]), draws: ["image/svg+xml", "image/png"] },
  // GitHub's notebook view draws no vega spec, strips scripts, and shows SVG outputs unreliably.
  "GitHub's notebook view": { pick: firstOf(["text/html", "image/svg+xml", "image/png", "image/jpeg", "text/plain"]), draws: ["image/png", "image/jpeg"] },
};

const charts = readdirSync(join(ROOT, "lectures"))
  .filter((name) => name.endsWith(".ipynb"))
  .flatMap((name) => {
    const notebook = JSON.parse(readFileSync(join(ROOT, "lectures", name), "utf8"));
    const outputs = notebook.cells.flatMap((cell: { outputs?: { data?: Record<string, unknown> }[] }) => cell.outputs ?? []);
    return outputs.filter((output: { data?: Record<string, unknown> }) => output.data?.[VEGA_LITE] !== undefined).map((output: { data: Record<string, unknown> }, i: number) => ({
      where: `${name}, chart ${i + 1}`,
      types: Object.keys(output.data),
    }));
  });

it("the lectures have charts", () => {
  expect(charts.length).toBeGreaterThan(40);
});

describe.each(Object.entries(FRONT_ENDS))("%s", (_, frontEnd) => {
  it("shows every stored chart of the lectures as a picture", () => {
    const hidden = charts.filter((chart) => !frontEnd.draws.includes(frontEnd.pick(chart.types) ?? "")).map((chart) => `${chart.where}: ${frontEnd.pick(chart.types)}`);
    expect(hidden).toEqual([]);
  });
});

it("an output with an SVG beside the PNG would not be (why the charts carry none)", () => {
  const withSvg = [VEGA_LITE, "image/svg+xml", "image/png", "text/plain"];
  const blank = Object.entries(FRONT_ENDS).filter(([, f]) => !f.draws.includes(f.pick(withSvg) ?? "")).map(([name]) => name);
  expect(blank).toEqual(["nbconvert 6.5 --to html", "GitHub's notebook view"]);
});
