/**
 * Drawing a chart. Inside a notebook (tslab kernel) `show(spec)` sends one output carrying three versions of
 * the chart, and each front end picks the best it can draw:
 *   - application/vnd.vegalite.v5+json: the interactive chart (JupyterLab, VS Code);
 *   - image/svg+xml: a picture rendered here in Node (classic Notebook, GitHub, nbconvert);
 *   - text/plain: a line of text for terminals and logs.
 * Outside a notebook (a script, a test) it writes the SVG to a file and prints where.
 *
 * tslab's public `display` sends one MIME type per message, so a front end would show the chart twice (or
 * pick neither rich form). tslab itself sends display messages through `lastWriteDisplayData`, exported by
 * its `dist/jupyter.js` and set for the running cell; `show` sends its bundle through that same function.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { TopLevelSpec } from "vega-lite";
import { check } from "./errors";

export const vegaLiteMime = "application/vnd.vegalite.v5+json";

/** The three renderings of one chart, as one Jupyter `display_data` carries them. */
export interface MimeBundle {
  [vegaLiteMime]: TopLevelSpec;
  "image/svg+xml": string;
  "text/plain": string;
}

/** A chart that redraws in place, e.g. a loss curve during training. */
export interface LiveChart {
  /** Draws `spec`, replacing what this chart showed before. Outside a notebook, rewrites the same SVG file. */
  update(spec: TopLevelSpec): Promise<void>;
}

export interface ShowOptions {
  /** Where SVG files go outside a notebook (default "figures", relative to the working directory). */
  dir?: string;
}

/** tslab's display sender: `update` false sends display_data, true sends update_display_data. */
type DisplaySender = (content: { data: MimeBundle; metadata: object; transient: { display_id?: string } }, update?: boolean) => void;

/**
 * Renders a vega-lite spec to an SVG string, in Node, without a browser or canvas. The picture leaves out
 * vega's per-mark ARIA labels: a 20 × 200 heatmap would otherwise carry 4,000 of them (710 KB instead of 270 KB).
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  check(typeof spec === "object" && spec !== null, "spec", "a vega-lite spec (an object)", spec);
  const view = new vega.View(vega.parse(vegaLite.compile(spec, { config: { aria: false } }).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The MIME bundle `show` sends: the spec as a JSON object (not a string), its SVG, and a text line. */
export async function mimeBundle(spec: TopLevelSpec): Promise<MimeBundle> {
  return { [vegaLiteMime]: spec, "image/svg+xml": await renderSvg(spec), "text/plain": describeChart(spec) };
}

/**
 * Shows a chart: in a notebook as one rich output (resolves to undefined); elsewhere by writing an SVG
 * file (resolves to its path). Await it, so the chart lands in the cell that drew it.
 */
export async function show(spec: TopLevelSpec, options: ShowOptions = {}): Promise<string | undefined> {
  const send = kernelSender();
  if (send) {
    send({ data: await mimeBundle(spec), metadata: {}, transient: {} });
    return undefined;
  }
  const path = svgPath(spec, options.dir ?? "figures");
  await writeSvg(spec, path);
  console.log(`chart saved to ${path}`);
  return path;
}

/** A chart that redraws in place: `const live = liveChart(); ... await live.update(lossChart(history))`. */
export function liveChart(options: ShowOptions = {}): LiveChart {
  const displayId = randomBytes(8).toString("hex");
  let shown = false;
  let path: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const draw = async (spec: TopLevelSpec) => {
    const send = kernelSender();
    if (send) {
      send({ data: await mimeBundle(spec), metadata: {}, transient: { display_id: displayId } }, shown);
    } else {
      path ??= svgPath(spec, options.dir ?? "figures");
      await writeSvg(spec, path);
      if (!shown) console.log(`live chart saved to ${path} (rewritten on every update)`);
    }
    shown = true;
  };
  // Updates run one after another, so a late render never overwrites a newer one; a failed update (a bad
  // spec) rejects its own promise without blocking the next.
  const update = (spec: TopLevelSpec) => {
    const drawn = queue.then(() => draw(spec));
    queue = drawn.catch(() => undefined);
    return drawn;
  };
  return { update };
}

/**
 * The running tslab kernel's display sender, or undefined outside a kernel. It is looked up among loaded
 * modules rather than required, so it is the kernel's own copy of tslab even when the kernel was installed
 * elsewhere (e.g. globally) than this project's node_modules.
 */
function kernelSender(): DisplaySender | undefined {
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const send: unknown = mod?.exports?.lastWriteDisplayData;
    if (typeof send === "function") return send as DisplaySender;
  }
  return undefined;
}

/** One line describing the chart, for front ends that show only text. */
function describeChart(spec: TopLevelSpec): string {
  const title = titleOf(spec);
  return `[chart${title ? `: ${title}` : ""}] (vega-lite; shown as a picture where the front end can draw one)`;
}

function titleOf(spec: TopLevelSpec): string | undefined {
  const title = typeof spec.title === "object" && !Array.isArray(spec.title) ? spec.title.text : spec.title;
  return Array.isArray(title) ? title.join(" ") : typeof title === "string" ? title : undefined;
}

const usedPaths = new Set<string>();

/** figures/<title-slug>.svg; a second chart with the same title in one run gets -2, -3, ... */
function svgPath(spec: TopLevelSpec, dir: string): string {
  const slug = (titleOf(spec) ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "chart";
  let path = join(dir, `${slug}.svg`);
  for (let n = 2; usedPaths.has(path); n++) path = join(dir, `${slug}-${n}.svg`);
  usedPaths.add(path);
  return path;
}

async function writeSvg(spec: TopLevelSpec, path: string): Promise<void> {
  const svg = await renderSvg(spec);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, svg);
}
