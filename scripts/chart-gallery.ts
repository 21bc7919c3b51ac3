/**
 * Visual check of every chart builder: renders each to SVG (as `show` does outside a notebook) and, when
 * `rsvg-convert` is installed (Debian: librsvg2-bin), to PNG, so a person can look at them.
 *
 *   node --import tsx scripts/chart-gallery.ts [out-dir] [--force]      (default: <tmp>/rnn-course-gallery)
 *
 * out-dir must be new, empty or a gallery written before (see tools/output-folder.ts).
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import {
  decompositionChart, heatmapChart, linesChart, lossChart, predictionChart, seriesChart, sweepChart,
} from "../src/plots/charts";
import { gaussian, seed } from "../src/seed";
import { renderSvg } from "../src/plots/show";
import { ArgumentError } from "../src/errors";
import { claimOutputFolder } from "../tools/output-folder";

seed(0);
const t = Array.from({ length: 200 }, (_, i) => i);
const sine = new Float32Array(t.map((i) => Math.sin((2 * Math.PI * i) / 50)));
const trend = t.map((i) => 0.02 * i);
const seasonal = t.map((i) => Math.sin((2 * Math.PI * i) / 25));
const residual = t.map(() => 0.2 * gaussian());
const observed = t.map((i) => trend[i] + seasonal[i] + residual[i]);
const days = t.map((i) => new Date(Date.UTC(2024, 0, 1 + i)));
const loss = (scale: number) => Array.from({ length: 30 }, (_, e) => scale * Math.exp(-e / 6) + 0.01 + 0.003 * Math.abs(gaussian()));

const charts: Record<string, TopLevelSpec> = {
  series: seriesChart(sine.slice(0, 100), { inputs: [0, 25], targets: [1, 26], title: "First 100 points, two samples marked" }),
  seriesWindow: seriesChart(sine.slice(0, 100), { inputs: [10, 11, 12, 13, 14], targets: [15], title: "A window of 5 inputs and its target" }),
  prediction: predictionChart(sine, sine.slice(2).map((v) => v + 0.05 * gaussian()), { offset: 2, title: "MLP with lookback 2: prediction vs truth" }),
  loss: lossChart({ train: loss(1), validation: loss(1.2) }, { log: true }),
  lossLinear: lossChart({ train: loss(1) }),
  decomposition: decompositionChart({ observed, trend, seasonal, residual }, { x: days }),
  heatmap: heatmapChart(
    Array.from({ length: 12 }, (_, e) => Array.from({ length: 50 }, (_, s) => Math.exp(-(50 - s) / (4 + e)) + 1e-6)),
    { title: "Gradient norm per time step", xTitle: "time step", yTitle: "epoch", colorTitle: "‖∂L/∂h_t‖", log: true, rowLabels: Array.from({ length: 12 }, (_, e) => e + 1) },
  ),
  lines: linesChart({ rnn: loss(1), lstm: loss(0.6), gru: loss(0.7) }, { title: "Validation loss by model", xTitle: "epoch", yTitle: "loss", log: true }),
  sweep: sweepChart([1, 2, 3, 5, 8, 13, 21], [0.09, 0.021, 0.012, 0.011, 0.0105, 0.012, 0.015], { xTitle: "lookback", yTitle: "validation MSE" }),
};

async function main() {
  const args = process.argv.slice(2);
  const dir = args.find((arg) => arg !== "--force") ?? join(tmpdir(), "rnn-course-gallery");
  const names = Object.keys(charts).flatMap((name) => [`${name}.svg`, `${name}.png`]);
  claimOutputFolder(dir, names, { command: "chart-gallery", argument: "out-dir", force: args.includes("--force") });
  for (const [name, spec] of Object.entries(charts)) {
    const svg = join(dir, `${name}.svg`);
    writeFileSync(svg, await renderSvg(spec));
    try {
      execFileSync("rsvg-convert", ["--zoom", "1.5", "--background-color", "white", "-o", join(dir, `${name}.png`), svg]);
    } catch {
      console.log("rsvg-convert not found: SVG only");
    }
  }
  console.log(`gallery in ${dir}`);
}

main().catch((error: Error) => {
  console.error(`chart-gallery: ${error.message}`);
  process.exitCode = error instanceof ArgumentError ? 2 : 1;
});
