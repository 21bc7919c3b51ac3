/**
 * Scatter chart: points (x, y) in named groups, one colour per group. Its main use in the course is the lag
 * plot, x_t against x_{t+1}: a sinusoid draws a closed loop there (every value is passed once going up and
 * once going down), a shuffled series a shapeless cloud, and a model that sees only x_t a single curve.
 */
import type { TopLevelSpec } from "vega-lite";
import { check } from "./errors";
import { ChartOptions, Numbers } from "./plot";
import { valuesOf } from "./series";

const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"];

/** `scatterChart({ truth: { x, y }, model: { x, y: predictions } }, { xTitle: "x_t", yTitle: "x_t+1" })`. */
export function scatterChart(
  groups: Record<string, { x: Numbers; y: Numbers }>,
  options: ChartOptions & { pointSize?: number } = {},
): TopLevelSpec {
  check(typeof groups === "object" && groups !== null && Object.keys(groups).length > 0, "groups", "an object of named { x, y } arrays, e.g. { truth: { x, y } }", groups);
  const names = Object.keys(groups);
  check(names.length <= palette.length, "groups", `at most ${palette.length} groups`, names.length);
  const data = names.flatMap((name) => {
    const x = valuesOf(groups[name]?.x, `groups.${name}.x`);
    const y = valuesOf(groups[name]?.y, `groups.${name}.y`);
    check(x.length === y.length, `groups.${name}.y`, `as many values as groups.${name}.x (${x.length})`, y.length);
    return Array.from(x, (xi, i) => ({ x: round(xi), y: round(y[i]), group: name }));
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: options.title ?? "Scatter",
    width: options.width ?? 320,
    height: options.height ?? 320,
    data: { values: data },
    mark: { type: "point", filled: true, size: options.pointSize ?? 20, opacity: 0.8 },
    encoding: {
      x: { field: "x", type: "quantitative", title: options.xTitle ?? "x", scale: { zero: false } },
      y: { field: "y", type: "quantitative", title: options.yTitle ?? "y", scale: { zero: false } },
      color: { field: "group", type: "nominal", title: null, scale: { domain: names, range: palette.slice(0, names.length) } },
    },
  };
}

/** Six significant digits are plenty for a picture and keep the notebook small. */
function round(v: number): number {
  return Number(v.toPrecision(6));
}
