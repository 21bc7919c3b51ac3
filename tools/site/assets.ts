/**
 * Files the pages load, copied from node_modules rather than linked from a CDN: the site then works offline
 * and from a plain folder (file://), and charts are drawn by exactly the vega / vega-lite versions that made
 * them (a CDN's latest vega-lite 6 would not be the library the notebooks used).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const here = (file: string) => join(__dirname, file);
// vega-embed's "exports" hides its package.json from require.resolve, so go through node_modules directly.
const packageFile = (name: string, file: string) => join(__dirname, "..", "..", "node_modules", name, file);

/** The files of the site's assets/ folder: path in the site → contents. */
export function assetFiles(): Map<string, Buffer> {
  const copies: [string, string][] = [
    [packageFile("vega", "build/vega.min.js"), "vega.min.js"],
    [packageFile("vega-lite", "build/vega-lite.min.js"), "vega-lite.min.js"],
    [packageFile("vega-embed", "build/vega-embed.min.js"), "vega-embed.min.js"],
    [packageFile("highlight.js", "styles/github.min.css"), "highlight.css"],
    [packageFile("katex", "dist/katex.min.css"), "katex/katex.min.css"],
    [here("charts.js"), "charts.js"],
    [here("course.css"), "course.css"],
  ];
  // woff2 only: every browser that runs vega reads it, and it is a quarter of KaTeX's fonts folder.
  const fonts = packageFile("katex", "dist/fonts");
  for (const font of readdirSync(fonts).filter((f) => f.endsWith(".woff2"))) copies.push([join(fonts, font), `katex/fonts/${font}`]);
  return new Map(copies.map(([from, to]) => [`assets/${to}`, readFileSync(from)]));
}
