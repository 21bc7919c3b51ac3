/**
 * Drawing a chart. Inside a notebook (tslab kernel) `show(spec)` sends one output carrying three
 * versions of the chart, and each front end picks the best it can draw:
 *   - application/vnd.vegalite.v5+json: the interactive chart (JupyterLab, VS Code with its renderers);
 *   - image/png: a picture rendered here in Node (classic Notebook, GitHub, nbconvert, VS Code without them);
 *   - text/plain: a line of text for terminals and logs.
 * The picture is a PNG, not an SVG, because an SVG is not shown everywhere a stored notebook is
 * read: classic Notebook ignores it in a notebook the reader has not run (not "trusted"), nbconvert
 * 6's HTML export blanks it, and GitHub's viewer draws it unreliably, while all of them show a PNG,
 * and a front end that has an SVG prefers it to the PNG. JupyterLab adds a PNG of its own to a
 * chart output that has none; this one is there already, so a notebook saved from JupyterLab does
 * not grow. Outside a notebook (a script, a test) it writes the SVG to a file and prints where. It
 * replaces only a file it wrote (marked by a comment on its first line); a file of yours with that
 * name is kept, and the chart takes the next free name. (tslab's public `display` sends one MIME
 * type per message; ./display says how one message carries three.)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type * as Resvg from "@resvg/resvg-js";
import type * as Vega from "vega";
import type * as VegaLite from "vega-lite";
import type { TopLevelSpec } from "vega-lite";
import { check, checkOptions } from "../errors";
import { displayData, inKernel, liveDisplay } from "./display";

export const vegaLiteMime = "application/vnd.vegalite.v5+json";

/** The three renderings of one chart, as one Jupyter `display_data` carries them. */
export type MimeBundle = {
  [vegaLiteMime]: TopLevelSpec;
  /** Base64, as Jupyter stores pictures. */
  "image/png": string;
  "text/plain": string;
};

/** A chart that redraws in place, e.g. a loss curve during training. */
export interface LiveChart {
  /**
   * Draws `spec`, replacing what this chart showed before. Outside a notebook, rewrites the same
   * SVG file.
   */
  update(spec: TopLevelSpec): Promise<void>;
}

export interface ShowOptions {
  /**
   * Where SVG files go outside a notebook (default "figures", relative to the working directory).
   */
  dir?: string;
}

/**
 * Renders a vega-lite spec to an SVG string, in Node, without a browser or canvas. The picture
 * leaves out vega's per-mark ARIA labels: a 20 × 200 heatmap would otherwise carry 4,000 of them
 * (710 KB instead of 270 KB).
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  check(typeof spec === "object" && spec !== null, "spec", "a vega-lite spec (an object)", spec);
  // Loaded on the first chart, not with the library: vega pulls in a fetch polyfill and ~1 MB of
  // code that code without charts (a graded exercise, a training script) should not pay for.
  const vega: typeof Vega = require("vega");
  const vegaLite: typeof VegaLite = require("vega-lite");
  const view = new vega.View(vega.parse(vegaLite.compile(spec, { config: { aria: false } }).spec), {
    renderer: "none",
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Renders a vega-lite spec to a PNG, one pixel per pixel of the SVG (a sharper 2x picture would
 * take lecture 01 past 2 MB). Text is set in DejaVu Sans from the `dejavu-fonts-ttf` package rather
 * than the system's fonts, so the picture has its labels on a machine without fonts and is the
 * same, byte for byte, on every machine.
 */
export async function renderPng(spec: TopLevelSpec): Promise<Buffer> {
  const svg = await renderSvg(spec);
  const resvg: typeof Resvg = require("@resvg/resvg-js");
  const image = await resvg.renderAsync(svg, { font: pngFont() });
  return image.asPng();
}

/** The two faces vega's SVG uses (sans-serif, plain and bold), and nothing from the system. */
export function pngFont(): NonNullable<Resvg.ResvgRenderOptions["font"]> {
  const folder = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  return {
    loadSystemFonts: false,
    fontFiles: [join(folder, "DejaVuSans.ttf"), join(folder, "DejaVuSans-Bold.ttf")],
    defaultFontFamily: "DejaVu Sans",
    sansSerifFamily: "DejaVu Sans",
  };
}

/**
 * The MIME bundle `show` sends: the spec as a JSON object (not a string), its PNG, and a text line.
 */
export async function mimeBundle(spec: TopLevelSpec): Promise<MimeBundle> {
  const png = await renderPng(spec);
  return {
    [vegaLiteMime]: spec,
    "image/png": png.toString("base64"),
    "text/plain": describeChart(spec),
  };
}

/**
 * Shows a chart: in a notebook as one rich output (resolves to undefined); elsewhere by writing an
 * SVG file (resolves to its path). Await it, so the chart lands in the cell that drew it.
 */
export async function show(
  spec: TopLevelSpec,
  options: ShowOptions = {},
): Promise<string | undefined> {
  checkOptions(options, ["dir"], "show options");
  if (inKernel()) {
    displayData(await mimeBundle(spec));
    return undefined;
  }
  const path = svgPath(spec, options.dir ?? "figures");
  await writeSvg(spec, path);
  console.log(`chart saved to ${path}`);
  return path;
}

/**
 * A chart that redraws in place: `const live = liveChart(); ... await
 * live.update(lossChart(history))`.
 */
export function liveChart(options: ShowOptions = {}): LiveChart {
  checkOptions(options, ["dir"], "liveChart options");
  let output: ReturnType<typeof liveDisplay> | undefined;
  let path: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const draw = async (spec: TopLevelSpec) => {
    if (inKernel()) {
      output ??= liveDisplay();
      output(await mimeBundle(spec));
      return;
    }
    const first = path === undefined;
    path ??= svgPath(spec, options.dir ?? "figures");
    await writeSvg(spec, path);
    if (first) console.log(`live chart saved to ${path} (rewritten on every update)`);
  };
  // Updates run one after another, so a late render never overwrites a newer one; a failed update
  // (a bad spec) rejects its own promise without blocking the next.
  const update = (spec: TopLevelSpec) => {
    const drawn = queue.then(() => draw(spec));
    queue = drawn.catch(() => undefined);
    return drawn;
  };
  return { update };
}

/** One line describing the chart, for front ends that show only text. */
function describeChart(spec: TopLevelSpec): string {
  const title = titleOf(spec);
  return `[chart${title ? `: ${title}` : ""}] (vega-lite; shown as a picture where the front end can draw one)`;
}

function titleOf(spec: TopLevelSpec): string | undefined {
  const title =
    typeof spec.title === "object" && !Array.isArray(spec.title) ? spec.title.text : spec.title;
  return Array.isArray(title) ? title.join(" ") : typeof title === "string" ? title : undefined;
}

const usedPaths = new Set<string>();
/**
 * The first line of every SVG file `show` writes: how a later run knows the file is its own to
 * replace.
 */
const SVG_MARK = "<!-- drawn by show() of rnn-course; replaced when the chart is drawn again -->\n";

/**
 * figures/<title-slug>.svg; -2, -3, ... for a second chart with that title in one run, or a file
 * not ours.
 */
function svgPath(spec: TopLevelSpec, dir: string): string {
  const slug =
    (titleOf(spec) ?? "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "chart";
  const free = (path: string) => !usedPaths.has(path) && (!existsSync(path) || drawnByShow(path));
  let path = join(dir, `${slug}.svg`);
  for (let n = 2; !free(path); n++) path = join(dir, `${slug}-${n}.svg`);
  usedPaths.add(path);
  return path;
}

function drawnByShow(path: string): boolean {
  try {
    return readFileSync(path, "utf8").startsWith(SVG_MARK);
  } catch {
    return false; // a folder, or a file we may not read: not ours
  }
}

async function writeSvg(spec: TopLevelSpec, path: string): Promise<void> {
  const svg = await renderSvg(spec);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, SVG_MARK + svg);
}
