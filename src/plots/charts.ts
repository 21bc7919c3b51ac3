/**
 * Charts for the course, as vega-lite specs built from plain arrays (number[] or Float32Array,
 * optional Date[] for the x axis). A spec is just JSON: `show(spec)` draws it, and nothing in it
 * holds a tensor — read a tensor's values first (`await t.data()`).
 */
import type { TopLevelSpec } from "vega-lite";
import type { NonNormalizedSpec } from "vega-lite/build/src/spec";
import type { UnitSpec } from "vega-lite/build/src/spec/unit";
import { check } from "../errors";
import { valuesOf } from "../data/series";
import {
  ChartOptions,
  Numbers,
  XType,
  XValues,
  blue,
  numbers,
  orange,
  palette,
  roles,
  schema,
  size,
  xAxis,
} from "./spec";

export type { ChartOptions, Numbers, XValues } from "./spec";

type Row = Record<string, number | string | null>;

/**
 * A time series as a line, with the lecture's markers: red crosses on the inputs a model sees and
 * green dots on the targets it must predict (`inputs` / `targets` are indices into `values`).
 */
export function seriesChart(
  values: Numbers,
  options: ChartOptions & { x?: XValues; inputs?: number[]; targets?: number[] } = {},
): TopLevelSpec {
  const y = numbers(values, "values");
  const x = xAxis(options.x, y.length, "options.x");
  const marked = (indices: number[] | undefined, role: string, argument: string): Row[] =>
    indicesIn(indices ?? [], y.length, argument).map((i) => ({ x: x.values[i], y: y[i], role }));
  const points = [
    ...marked(options.inputs, "input", "options.inputs"),
    ...marked(options.targets, "target", "options.targets"),
  ];
  // One legend for the three roles: colour and shape share the field "role" and its domain, so
  // vega-lite merges them.
  const domain = (["series", "input", "target"] as const).filter(
    (role) => role === "series" || points.some((p) => p.role === role),
  );
  const color = {
    field: "role",
    type: "nominal",
    title: null,
    scale: { domain, range: domain.map((r) => roles[r][0]) },
  } as const;
  const shape = {
    field: "role",
    type: "nominal",
    title: null,
    scale: { domain, range: domain.map((r) => roles[r][1]) },
  } as const;
  const layer: UnitSpec<string>[] = [
    {
      data: { values: rows({ x: x.values, y, role: "series" }) },
      mark: { type: "line", color: blue },
      encoding: { color },
    },
  ];
  const inputs = points.filter((p) => p.role === "input");
  const targets = points.filter((p) => p.role === "target");
  if (inputs.length)
    layer.push({
      data: { values: inputs },
      mark: { type: "point", filled: false, size: 80, strokeWidth: 2, opacity: 1 },
      encoding: { color, shape },
    });
  if (targets.length)
    layer.push({
      data: { values: targets },
      mark: { type: "point", filled: true, size: 80, opacity: 1 },
      encoding: { color, shape },
    });
  return {
    ...frame(options, "Time series"),
    encoding: {
      x: xEncoding(x.type, options.xTitle ?? x.title),
      y: { field: "y", type: "quantitative", title: options.yTitle ?? "value" },
    },
    layer,
  };
}

/**
 * The true series and a model's prediction on one chart; `offset` = index in `truth` of
 * prediction[0].
 */
export function predictionChart(
  truth: Numbers,
  prediction: Numbers,
  options: ChartOptions & { x?: XValues; offset?: number } = {},
): TopLevelSpec {
  const t = numbers(truth, "truth");
  const p = numbers(prediction, "prediction");
  const offset = options.offset ?? 0;
  check(
    Number.isInteger(offset) && offset >= 0 && offset + p.length <= t.length,
    "options.offset",
    `an integer in [0, ${t.length - p.length}] so the prediction (length ${p.length}) fits inside truth (length ${t.length})`,
    offset,
  );
  const x = xAxis(options.x, t.length, "options.x");
  const data = [
    ...rows({ x: x.values, y: t, series: "truth" }),
    ...rows({ x: x.values.slice(offset), y: p, series: "prediction" }),
  ];
  return lines(data, x, options, "Prediction vs truth", "value", [blue, orange]);
}

/** Training (and validation) loss per epoch; `log: true` puts the loss on a log scale. */
export function lossChart(
  history: { train: Numbers; validation?: Numbers },
  options: ChartOptions & { log?: boolean } = {},
): TopLevelSpec {
  check(
    typeof history === "object" && history !== null,
    "history",
    "an object { train, validation? }",
    history,
  );
  const train = numbers(history.train, "history.train");
  const curves = {
    train,
    ...(history.validation
      ? { validation: numbers(history.validation, "history.validation") }
      : {}),
  };
  const longest = Math.max(...Object.values(curves).map((c) => c.length));
  const x = {
    values: Array.from({ length: longest }, (_, i) => i + 1),
    type: "quantitative" as const,
    title: "epoch",
    whole: true,
  };
  const data = Object.entries(curves).flatMap(([series, y]) =>
    rows({ x: x.values.slice(0, y.length), y, series }),
  );
  return lines(
    data,
    x,
    options,
    "Loss",
    options.log ? "loss (log scale)" : "loss",
    [blue, orange],
    longest <= 40,
  );
}

/** Several named series on one chart, e.g. `linesChart({ rnn: a, lstm: b })`. */
export function linesChart(
  series: Record<string, Numbers>,
  options: ChartOptions & { x?: XValues; log?: boolean } = {},
): TopLevelSpec {
  check(
    typeof series === "object" && series !== null && Object.keys(series).length > 0,
    "series",
    "an object of named arrays, e.g. { train: [...] }",
    series,
  );
  const columns = Object.entries(series).map(
    ([name, values]) => [name, numbers(values, `series.${name}`)] as const,
  );
  const longest = Math.max(...columns.map(([, y]) => y.length));
  const x = xAxis(options.x, longest, "options.x");
  const data = columns.flatMap(([name, y]) =>
    rows({ x: x.values.slice(0, y.length), y, series: name }),
  );
  return lines(
    data,
    { ...x, whole: wholeNumbers(x.values) },
    options,
    columns.map(([name]) => name).join(" vs "),
    "value",
  );
}

/** A metric measured for several values of one parameter, e.g. validation error vs lookback. */
export function sweepChart(
  parameter: Numbers,
  metric: Numbers,
  options: ChartOptions & { log?: boolean } = {},
): TopLevelSpec {
  const x = numbers(parameter, "parameter");
  const y = numbers(metric, "metric");
  check(x.length === y.length, "metric", `an array as long as parameter (${x.length})`, metric);
  return {
    ...frame(
      options,
      capitalize(`${options.yTitle ?? "metric"} vs ${options.xTitle ?? "parameter"}`),
    ),
    data: { values: rows({ x, y }) },
    mark: { type: "line", point: { size: 60 }, color: blue },
    encoding: {
      x: {
        field: "x",
        type: "quantitative",
        title: options.xTitle ?? "parameter",
        scale: { zero: false },
        ...wholeTicks(wholeNumbers(x)),
      },
      y: {
        field: "y",
        type: "quantitative",
        title: options.yTitle ?? "metric",
        scale: yScale(options.log),
      },
    },
  };
}

/**
 * A time series split into observed = trend + seasonal + residual, one panel each, stacked over a
 * shared x axis (each panel keeps its own y range: the seasonal part is often much smaller than the
 * trend).
 */
export function decompositionChart(
  parts: { observed: Numbers; trend: Numbers; seasonal: Numbers; residual: Numbers },
  options: ChartOptions & { x?: XValues } = {},
): TopLevelSpec {
  check(
    typeof parts === "object" && parts !== null,
    "parts",
    "an object { observed, trend, seasonal, residual }",
    parts,
  );
  const names = ["observed", "trend", "seasonal", "residual"] as const;
  const columns = names.map((name) => numbers(parts[name], `parts.${name}`));
  for (const [i, c] of columns.entries())
    check(
      c.length === columns[0].length,
      `parts.${names[i]}`,
      `length ${columns[0].length} (as parts.observed)`,
      c.length,
    );
  const x = xAxis(options.x, columns[0].length, "options.x");
  const { width, height } = size(options);
  const panel = (name: string, y: (number | null)[], last: boolean): NonNormalizedSpec => ({
    data: { values: rows({ x: x.values, y }) },
    width,
    height: Math.round(height / 2),
    mark:
      name === "residual"
        ? { type: "point", size: 12, filled: true, color: blue }
        : { type: "line", color: blue },
    encoding: {
      // Only the bottom panel labels the shared x axis.
      x: {
        ...xEncoding(x.type, last ? (options.xTitle ?? x.title) : null),
        ...(last ? {} : { axis: { labels: false, ticks: false } }),
      },
      y: { field: "y", type: "quantitative", title: name, scale: { zero: false } },
    },
  });
  return {
    $schema: schema,
    title: { text: options.title ?? "Decomposition", anchor: "middle" },
    vconcat: names.map((name, i) => panel(name, columns[i], i === names.length - 1)),
    resolve: { scale: { x: "shared" } },
  };
}

/**
 * A grid of values, rows[i][j] drawn as a coloured cell at row i, column j — e.g. gradient norm per
 * time step (columns) per epoch (rows). `log: true` uses a log colour scale (values must then be
 * positive).
 */
export function heatmapChart(
  rows: Numbers[],
  options: ChartOptions & {
    colorTitle?: string;
    log?: boolean;
    rowLabels?: (number | string)[];
    columnLabels?: (number | string)[];
  } = {},
): TopLevelSpec {
  check(
    Array.isArray(rows) && rows.length > 0,
    "rows",
    "a non-empty array of rows (one array of numbers per row)",
    rows,
  );
  const grid = rows.map((r, i) => numbers(r, `rows[${i}]`));
  for (const [i, r] of grid.entries())
    check(
      r.length === grid[0].length,
      `rows[${i}]`,
      `length ${grid[0].length} (as rows[0])`,
      r.length,
    );
  const rowLabels = labels(options.rowLabels, grid.length, "options.rowLabels");
  const columnLabels = labels(options.columnLabels, grid[0].length, "options.columnLabels");
  if (options.log)
    check(
      grid.every((r) => r.every((v) => v === null || v > 0)),
      "rows",
      "only positive values with options.log",
      "a zero or negative value",
    );
  const data = grid.flatMap((r, i) =>
    r.map((value, j) => ({ row: rowLabels[i], column: columnLabels[j], value })),
  );
  return {
    ...frame(options, "Heatmap"),
    data: { values: data },
    mark: { type: "rect" },
    encoding: {
      x: {
        field: "column",
        type: "ordinal",
        sort: columnLabels,
        title: options.xTitle ?? "column",
        axis: { labelOverlap: true, labelAngle: 0 },
      },
      y: {
        field: "row",
        type: "ordinal",
        sort: rowLabels,
        title: options.yTitle ?? "row",
        axis: { labelOverlap: true },
      },
      color: {
        field: "value",
        type: "quantitative",
        title: options.colorTitle ?? "value",
        scale: { scheme: "viridis", ...(options.log ? { type: "log" } : {}) },
      },
    },
  };
}

/**
 * Points (x, y) in named groups, one colour per group. Its main use in the course is the lag plot,
 * x_t against x_{t+1}: a sinusoid draws a closed loop there (every value is passed once going up
 * and once going down), a shuffled series a shapeless cloud, and a model that sees only x_t a
 * single curve. `scatterChart({ truth: { x, y }, model: { x, y: predictions } }, { xTitle: "x_t",
 * yTitle: "x_t+1" })`.
 */
export function scatterChart(
  groups: Record<string, { x: Numbers; y: Numbers }>,
  options: ChartOptions & { pointSize?: number } = {},
): TopLevelSpec {
  check(
    typeof groups === "object" && groups !== null && Object.keys(groups).length > 0,
    "groups",
    "an object of named { x, y } arrays, e.g. { truth: { x, y } }",
    groups,
  );
  const names = Object.keys(groups);
  check(names.length <= palette.length, "groups", `at most ${palette.length} groups`, names.length);
  const data = names.flatMap((name) => {
    const x = valuesOf(groups[name]?.x, `groups.${name}.x`);
    const y = valuesOf(groups[name]?.y, `groups.${name}.y`);
    check(
      x.length === y.length,
      `groups.${name}.y`,
      `as many values as groups.${name}.x (${x.length})`,
      y.length,
    );
    // Six significant digits are plenty for a picture and keep the notebook small.
    const round = (v: number) => Number(v.toPrecision(6));
    return Array.from(x, (xi, i) => ({ x: round(xi), y: round(y[i]), group: name }));
  });
  return {
    $schema: schema,
    title: options.title ?? "Scatter",
    width: options.width ?? 320,
    height: options.height ?? 320,
    data: { values: data },
    mark: { type: "point", filled: true, size: options.pointSize ?? 20, opacity: 0.8 },
    encoding: {
      x: { field: "x", type: "quantitative", title: options.xTitle ?? "x", scale: { zero: false } },
      y: { field: "y", type: "quantitative", title: options.yTitle ?? "y", scale: { zero: false } },
      color: {
        field: "group",
        type: "nominal",
        title: null,
        scale: { domain: names, range: palette.slice(0, names.length) },
      },
    },
  };
}

/** Lines coloured by their `series` field, with a legend. */
function lines(
  data: Row[],
  x: { type: XType; title: string; whole?: boolean },
  options: ChartOptions & { log?: boolean },
  title: string,
  yTitle: string,
  colors?: string[],
  point = false,
): TopLevelSpec {
  const domain = [...new Set(data.map((r) => r.series as string))];
  return {
    ...frame(options, title),
    data: { values: data },
    mark: { type: "line", point },
    encoding: {
      x: { ...xEncoding(x.type, options.xTitle ?? x.title), ...wholeTicks(x.whole) },
      y: {
        field: "y",
        type: "quantitative",
        title: options.yTitle ?? yTitle,
        scale: yScale(options.log),
      },
      color: {
        field: "series",
        type: "nominal",
        title: null,
        scale: colors ? { domain, range: colors.slice(0, domain.length) } : { domain },
      },
    },
  };
}

function frame(options: ChartOptions, title: string) {
  return {
    $schema: schema,
    ...((options.title ?? title) ? { title: options.title ?? title } : {}),
    ...size(options),
  };
}

function xEncoding(type: XType, title: string | null) {
  return {
    field: "x",
    type,
    title,
    ...(type === "quantitative" ? { scale: { zero: false, nice: false } } : {}),
  };
}

/** Epochs, sizes, lags: an axis of whole numbers gets no ticks at 1.5 or labels like "2.0". */
function wholeTicks(whole: boolean | undefined) {
  return whole ? { axis: { tickMinStep: 1, format: "d" } } : {};
}

function wholeNumbers(values: ArrayLike<unknown>): boolean {
  return Array.from(values).every((v) => typeof v === "number" && Number.isInteger(v));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function yScale(log: boolean | undefined) {
  return log ? { type: "log" as const } : { zero: false };
}

/** Columns of equal length → row objects, as vega-lite's inline data wants them. */
function rows(columns: Record<string, ArrayLike<number | string | null> | string>): Row[] {
  const arrays = Object.values(columns).filter(
    (c): c is ArrayLike<number | string | null> => typeof c !== "string",
  );
  const length = Math.min(...arrays.map((a) => a.length));
  return Array.from({ length }, (_, i) =>
    Object.fromEntries(
      Object.entries(columns).map(([k, c]) => [k, typeof c === "string" ? c : c[i]]),
    ),
  );
}

function indicesIn(indices: number[], length: number, argument: string): number[] {
  check(Array.isArray(indices), argument, "an array of indices", indices);
  for (const i of indices)
    check(
      Number.isInteger(i) && i >= 0 && i < length,
      argument,
      `indices in [0, ${length - 1}]`,
      i,
    );
  return indices;
}

/** Cell labels as strings, so an explicit sort keeps them in the given order ("10" after "9"). */
function labels(
  given: (number | string)[] | undefined,
  length: number,
  argument: string,
): string[] {
  if (given === undefined) return Array.from({ length }, (_, i) => String(i));
  check(Array.isArray(given) && given.length === length, argument, `${length} labels`, given);
  return given.map(String);
}
