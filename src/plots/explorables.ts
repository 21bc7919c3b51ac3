/**
 * Explorable charts: vega-lite specs whose sliders (or radio buttons) switch between variants the
 * library computed beforehand — predictions for several lookbacks, gradient norms for several
 * spectral radii. The chart does the switching itself, so it works wherever vega-lite draws:
 * JupyterLab, VS Code, the course site, and a stored notebook opened without a kernel. `show(spec)`
 * draws them like any other chart; its static picture (for front ends without vega-lite) shows the
 * state the controls start in.
 *
 * A notebook stores every variant, so numbers are rounded to what their axis can show: a thousandth
 * of the axis's range (a chart is 250 pixels tall; hundredths of a ppm on a CO₂ axis), or 3
 * significant digits on a log scale.
 */
import type { TopLevelSpec } from "vega-lite";
import type { GateTrace } from "../analysis/gates";
import { check } from "../errors";
import {
  ChartOptions,
  Numbers,
  XValues,
  blue,
  checkedNumbers,
  grey,
  orange,
  red,
  roles,
  schema,
  size,
  xAxis,
} from "./spec";

/**
 * One control of an explorable chart. Evenly spaced values get a slider; other values, one radio
 * button each.
 */
export interface Control {
  /** Shown next to the control, e.g. "spectral radius ρ". */
  label: string;
  /** The values it can take, increasing: one precomputed variant each. */
  values: Numbers;
  /** The value it starts at, and the one the static picture shows (default: the first). */
  initial?: number;
}

/** What the letters of a `traceGates` trace stand for. */
const traced: Record<string, string> = {
  i: "input gate i",
  f: "forget gate f",
  g: "candidate g",
  o: "output gate o",
  c: "cell state c",
  h: "hidden state h",
  r: "reset gate r",
  z: "update gate z",
  n: "candidate n",
};

/**
 * Lines that change with one parameter, e.g. ‖∂L/∂h_t‖ over t for each spectral radius. `lines`
 * maps a line's name to one array per value of `control`; `fixed` lines stay put (the truth, a
 * baseline). With `metric`, a second panel plots one number per parameter value (the sweep) and
 * rings the value the control is at.
 */
export function sliderChart(
  control: Control,
  lines: Record<string, Numbers[]>,
  options: ChartOptions & {
    x?: XValues;
    log?: boolean;
    fixed?: Record<string, Numbers>;
    metric?: { title: string; values: Record<string, Numbers>; log?: boolean };
  } = {},
): TopLevelSpec {
  const c = checkControl(control, "control", "p");
  const variants = checkedLines(lines, c.values.length, "lines").flatMap(([s, ys]) =>
    ys.map((y, k) => ({ s, p: c.values[k], y })),
  );
  const rows = [
    ...variants,
    ...Object.entries(options.fixed ?? {}).map(([s, y]) => ({
      s,
      y: checkedNumbers(y, `options.fixed.${s}`),
    })),
  ];
  roundForAxis(
    rows.map((r) => r.y),
    options.log,
  );
  const x = xAxis(options.x, Math.max(...rows.map((r) => r.y.length)), "options.x");
  const { width, height } = size(options, options.metric ? 420 : 600);
  // One colour per name across both panels: a metric named like a line is drawn in that line's
  // colour.
  const names = [...rows.map((r) => r.s), ...Object.keys(options.metric?.values ?? {})].filter(
    unique,
  );
  const main = {
    width,
    height,
    data: { name: "lines" },
    transform: [
      { filter: `!isValid(datum.p) || ${c.selected}` },
      ...indexed("y", ["s"]),
      { lookup: "i", from: { data: { name: "x" }, key: "i", fields: ["x"] } },
      // Looked-up values are not parsed as dates the way a data source's own fields are.
      ...(x.type === "temporal" ? [{ calculate: "toDate(datum.x)", as: "x" }] : []),
    ],
    mark: { type: "line", clip: true },
    encoding: {
      x: {
        field: "x",
        type: x.type,
        title: options.xTitle ?? x.title,
        scale: x.type === "temporal" ? {} : { zero: false, nice: false },
      },
      y: {
        field: "y",
        type: "quantitative",
        title: options.yTitle ?? "value",
        scale: fixedScale(
          rows.map((r) => r.y),
          options.log,
          "lines",
        ),
        ...logAxis(options.log),
      },
      color: {
        field: "s",
        type: "nominal",
        title: null,
        scale: { domain: names },
        legend: { labelLimit: 300 },
      },
    },
  };
  const top = {
    $schema: schema,
    title: options.title ?? `${Object.keys(lines).join(", ")} as ${control.label} changes`,
    params: [c.param],
    datasets: { lines: rows, x: x.values.map((value, i) => ({ i, x: value })) },
  };
  const panels = options.metric
    ? { hconcat: [main, metricPanel(options.metric, c, control.label, height, names)] }
    : main;
  return { ...top, ...panels } as TopLevelSpec;
}

/**
 * A lookback window sliding over a series (lecture 02), with two controls: the lookback L and the
 * predicted step t. The window's inputs x[t-L .. t) are red crosses, the target x[t] a green dot,
 * and the model trained with that lookback draws the orange line. `predictions[k][j]` is the
 * prediction of series[from + j] by the model with lookback `lookbacks.values[k]`; the chart shows
 * the series from the longest window before `from`.
 */
export function lookbackChart(
  series: Numbers,
  lookbacks: Control,
  predictions: Numbers[],
  options: ChartOptions & { from: number; position?: number },
): TopLevelSpec {
  const L = checkControl(lookbacks, "lookbacks", "lookback");
  check(
    L.values.every((v) => Number.isInteger(v) && v > 0),
    "lookbacks.values",
    "positive whole numbers",
    lookbacks.values,
  );
  const predicted = checkedLines({ predictions }, L.values.length, "predictions")[0][1];
  const all = checkedNumbers(series, "series");
  const steps = predicted[0].length;
  const from = options?.from;
  const first = from - L.values[L.values.length - 1];
  check(
    Number.isInteger(from) && first >= 0 && from + steps <= all.length,
    "options.from",
    `a position in series with room for the longest lookback before it and ${steps} predicted steps after it`,
    from,
  );
  const positions = Array.from({ length: steps }, (_, j) => from + j);
  const t = checkControl(
    {
      label: "predicted step t",
      values: positions,
      initial: options.position ?? positions[steps >> 1],
    },
    "options.position",
    "position",
  );
  const shown = all.slice(first, from + steps);
  roundForAxis([shown, ...predicted], false);

  const x = {
    field: "t",
    type: "quantitative",
    title: options.xTitle ?? "t",
    scale: { domain: [first, from + steps - 1], nice: false },
    axis: { tickMinStep: 1, format: "d" },
  };
  const y = {
    field: "y",
    type: "quantitative",
    title: options.yTitle ?? "value",
    scale: fixedScale([shown, ...predicted], false, "series"),
  };
  const marks = {
    series: roles.series,
    "inputs (the window)": roles.input,
    target: roles.target,
    prediction: roles.prediction,
  };
  type Role = keyof typeof marks;
  const legend = (channel: 0 | 1) => ({
    field: "role",
    type: "nominal",
    title: null,
    scale: { domain: Object.keys(marks), range: Object.values(marks).map((r) => r[channel]) },
  });
  /**
   * A layer of the series (or of the chosen model's predictions) filtered by `filter`, drawn as
   * `role`.
   */
  const layer = (data: "series" | "predictions", filter: string, role: Role, mark: object) => ({
    data: { name: data },
    transform: [
      ...(data === "predictions" ? [{ filter: L.selected }] : []),
      ...indexed("y", ["p"]),
      { calculate: `datum.i + ${data === "series" ? first : from}`, as: "t" },
      { filter },
      { calculate: `'${role}'`, as: "role" },
    ],
    mark,
    // Lines take no shape: only points carry it into the shared legend.
    encoding: {
      x,
      y,
      color: legend(0),
      ...((mark as { type: string }).type === "point" ? { shape: legend(1) } : {}),
    },
  });
  const points = { type: "point", filled: true, size: 90, opacity: 1 };
  return {
    $schema: schema,
    title: options.title ?? "A lookback window sliding over the series",
    ...size(options, 600),
    params: [L.param, t.param],
    datasets: {
      series: [{ y: shown }],
      predictions: predicted.map((y, k) => ({ p: L.values[k], y })),
    },
    layer: [
      {
        data: { values: [{}] },
        transform: [
          { calculate: "position - lookback - 0.5", as: "t" },
          { calculate: "position - 0.5", as: "t2" },
        ],
        mark: { type: "rect", color: red, opacity: 0.1 },
        encoding: { x: { ...x, title: null }, x2: { field: "t2" } },
      },
      layer("series", "true", "series", { type: "line", color: blue }),
      layer("predictions", "true", "prediction", { type: "line", color: orange, opacity: 0.6 }),
      layer(
        "series",
        "datum.t >= position - lookback && datum.t < position",
        "inputs (the window)",
        { type: "point", size: 70, strokeWidth: 2, opacity: 1 },
      ),
      layer("series", "datum.t == position", "target", points),
      layer("predictions", "datum.t == position", "prediction", points),
    ],
  } as TopLevelSpec;
}

/**
 * The gates of a recurrent layer step by step (lecture 06): a time cursor slides along the input
 * sequence (top), and the bars below show every unit's gates at the cursor, `unit` (if given) in
 * red. `sequences` maps a name to an input and its `traceGates` trace; more than one adds radio
 * buttons to switch between them. `quantities` picks and orders the traced values (default: all,
 * i.e. i, f, g, o, c, h of an LSTM).
 */
export function gatesChart(
  sequences: Record<string, { input: Numbers; trace: GateTrace }>,
  options: ChartOptions & { unit?: number; time?: number; quantities?: string[] } = {},
): TopLevelSpec {
  const names = Object.keys(sequences ?? {});
  check(
    names.length > 0,
    "sequences",
    "an object { name: { input, trace } } with at least one sequence",
    sequences,
  );
  const quantities = options.quantities ?? Object.keys(sequences[names[0]].trace ?? {});
  const steps = sequences[names[0]].trace?.[quantities[0]]?.length ?? 0;
  const units = sequences[names[0]].trace?.[quantities[0]]?.[0]?.length ?? 0;
  // One row per sequence and quantity, its T × H values in one array, step after step: compact in a
  // notebook.
  const gates = names.flatMap((s) =>
    quantities.map((q) => {
      const rows = sequences[s].trace?.[q];
      check(
        Array.isArray(rows) && rows.length === steps && rows.every((r) => r.length === units),
        `sequences.${s}.trace.${q}`,
        `${steps} rows of ${units} values (one per time step, as ${names[0]}.trace.${quantities[0]}), from traceGates`,
        rows,
      );
      return { s, q, y: checkedNumbers(rows.flat(), `sequences.${s}.trace.${q}`) };
    }),
  );
  for (const q of quantities)
    roundForAxis(
      gates.filter((r) => r.q === q).map((r) => r.y),
      false,
    );
  const inputs = names.map((s) => ({
    s,
    y: checkedNumbers(sequences[s].input, `sequences.${s}.input`),
  }));
  for (const { s, y } of inputs)
    check(
      y.length === steps,
      `sequences.${s}.input`,
      `${steps} values (one per traced step)`,
      y.length,
    );
  roundForAxis(
    inputs.map((r) => r.y),
    false,
  );
  const unit = options.unit;
  check(
    unit === undefined || (Number.isInteger(unit) && unit >= 0 && unit < units),
    "options.unit",
    `a unit index in [0, ${units - 1}]`,
    unit,
  );
  const times = Array.from({ length: steps }, (_, t) => t);
  const time = checkControl(
    { label: "time step t", values: times, initial: options.time ?? 0 },
    "options.time",
    "time",
  );
  const choice =
    names.length > 1
      ? [
          {
            name: "sequence",
            value: names[0],
            bind: { input: "radio", options: names, name: "sequence " },
          },
        ]
      : [];
  const ofSequence = names.length > 1 ? "datum.s == sequence" : "true";
  const { width, height } = size(options, 600);

  const t = {
    field: "t",
    type: "quantitative",
    title: "time step t",
    scale: { nice: false },
    axis: { tickMinStep: 1, format: "d" },
  };
  const xt = {
    field: "y",
    type: "quantitative",
    title: "x_t",
    scale: fixedScale(
      inputs.map((r) => r.y),
      false,
      "inputs",
    ),
  };
  const inputSteps = [
    { filter: ofSequence },
    ...indexed("y", ["s"]),
    { calculate: "datum.i", as: "t" },
  ];
  const input = {
    width,
    height: Math.round(height / 2),
    title: "input x_t, and the time cursor",
    layer: [
      {
        data: { name: "inputs" },
        transform: inputSteps,
        mark: { type: "line", color: grey, point: { color: grey } },
        encoding: { x: t, y: xt },
      },
      {
        data: { values: [{}] },
        transform: [{ calculate: "time", as: "t" }],
        mark: { type: "rule", color: red, strokeWidth: 2 },
        encoding: { x: t },
      },
      {
        data: { name: "inputs" },
        transform: [...inputSteps, { filter: "datum.t == time" }],
        mark: { type: "point", filled: true, size: 90, color: red, opacity: 1 },
        encoding: { x: t, y: xt },
      },
    ],
  };
  const barsWidth = Math.max(60, Math.round(width / quantities.length) - 30);
  const bars = (q: string) => ({
    width: barsWidth,
    height: Math.round(height / 2),
    title: traced[q] ?? q,
    data: { name: "gates" },
    transform: [
      { filter: `${ofSequence} && datum.q == '${q}'` },
      ...indexed("y", ["q"]),
      { calculate: `floor(datum.i / ${units})`, as: "t" },
      { calculate: `datum.i % ${units}`, as: "unit" },
      { filter: "datum.t == time" },
    ],
    mark: { type: "bar" },
    encoding: {
      x: {
        field: "unit",
        type: "ordinal",
        title: "unit",
        axis: { labelAngle: 0, values: unitLabels(units, barsWidth), labelOverlap: true },
      },
      y: {
        field: "y",
        type: "quantitative",
        title: null,
        scale: gateScale(gates.filter((r) => r.q === q).map((r) => r.y)),
      },
      color:
        unit === undefined
          ? { value: blue }
          : { condition: { test: `datum.unit == ${unit}`, value: red }, value: blue },
    },
  });
  return {
    $schema: schema,
    title: options.title ?? "Gates at the time cursor",
    params: [time.param, ...choice],
    datasets: { inputs, gates },
    vconcat: [input, { hconcat: quantities.map(bars) }],
  } as TopLevelSpec;
}

/**
 * Pixels a digit of an axis label takes at vega's 10 px label font (5.6–6.4 in common fonts), with
 * a margin.
 */
const LABEL_DIGIT_PX = 7;
const LABEL_GAP_PX = 5;

/**
 * The units a bar panel labels: every 1st, 2nd, 5th, 10th... unit, the smallest step that keeps
 * neighbouring labels apart. vega's own overlap check measures text with the fonts at hand, so a
 * browser kept every label of a narrow panel, "10" "12" "14" touching, where the stored picture
 * dropped half of them.
 */
function unitLabels(units: number, panelWidth: number): number[] {
  const room = String(units - 1).length * LABEL_DIGIT_PX + LABEL_GAP_PX;
  const step =
    [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find((s) => (s * panelWidth) / units >= room) ??
    units;
  return Array.from({ length: Math.ceil(units / step) }, (_, k) => k * step);
}

/**
 * The sweep panel of `sliderChart`: one curve per metric over the parameter, the current value
 * ringed.
 */
function metricPanel(
  metric: { title: string; values: Record<string, Numbers>; log?: boolean },
  c: CheckedControl,
  label: string,
  height: number,
  names: string[],
) {
  const curves = Object.entries(metric?.values ?? {}).map(([s, m]) => ({
    s,
    p: c.values,
    m: checkedNumbers(m, `options.metric.values.${s}`),
  }));
  check(
    curves.length > 0,
    "options.metric.values",
    "an object { name: one number per control value }",
    metric?.values,
  );
  for (const { s, m } of curves)
    check(
      m.length === c.values.length,
      `options.metric.values.${s}`,
      `${c.values.length} values (one per control value)`,
      m.length,
    );
  roundForAxis(
    curves.map((r) => r.m),
    metric.log,
  );
  const p = { field: "p", type: "quantitative", title: label, scale: { zero: false, nice: false } };
  const m = {
    field: "m",
    type: "quantitative",
    title: metric.title,
    scale: fixedScale(
      curves.map((r) => r.m),
      metric.log,
      "options.metric.values",
    ),
    ...logAxis(metric.log),
  };
  return {
    width: 220,
    height,
    data: { values: curves },
    transform: [{ flatten: ["p", "m"] }],
    layer: [
      {
        mark: { type: "line", point: true },
        encoding: {
          x: p,
          y: m,
          color: { field: "s", type: "nominal", title: null, scale: { domain: names } },
        },
      },
      {
        transform: [{ filter: c.selected }],
        mark: { type: "point", size: 160, strokeWidth: 2, color: "black", opacity: 1 },
        encoding: { x: p, y: m },
      },
    ],
  };
}

interface CheckedControl {
  param: { name: string; value: number; bind: object };
  values: number[];
  /** A vega expression: is datum.p the value the control is at? */
  selected: string;
}

/** Validates a control and makes it the vega-lite parameter `name`. */
function checkControl(control: Control, argument: string, name: string): CheckedControl {
  check(
    typeof control === "object" && control !== null && typeof control.label === "string",
    argument,
    "a control { label, values, initial? }",
    control,
  );
  const values = Array.from(control.values ?? [], Number);
  check(
    values.length >= 2 && values.every(Number.isFinite),
    `${argument}.values`,
    "at least two finite numbers",
    control.values,
  );
  const gaps = values.slice(1).map((v, i) => v - values[i]);
  check(
    gaps.every((g) => g > 0),
    `${argument}.values`,
    "increasing values",
    control.values,
  );
  // A slider's value is a decimal the browser prints (0.55), not 0.5 + 0.05: compare within half a
  // step.
  const tolerance = Number((Math.min(...gaps) / 2).toPrecision(6));
  const initial = control.initial ?? values[0];
  check(
    values.some((v) => Math.abs(v - initial) < tolerance),
    `${argument}.initial`,
    `one of the values [${values.join(", ")}]`,
    initial,
  );
  const even = gaps.every((g) => Math.abs(g - gaps[0]) < 1e-9 * Math.max(1, Math.abs(gaps[0])));
  const label = `${control.label} `;
  const bind = even
    ? {
        input: "range",
        min: values[0],
        max: values[values.length - 1],
        step: Number(gaps[0].toPrecision(6)),
        name: label,
      }
    : { input: "radio", options: values, name: label };
  return {
    param: { name, value: initial, bind },
    values,
    selected: `abs(datum.p - ${name}) < ${tolerance}`,
  };
}

/** Named lines, `count` arrays each: [name, arrays][]. */
function checkedLines(
  lines: Record<string, Numbers[]>,
  count: number,
  argument: string,
): [string, (number | null)[][]][] {
  check(
    typeof lines === "object" && lines !== null && Object.keys(lines).length > 0,
    argument,
    "an object { name: one array per control value }",
    lines,
  );
  return Object.entries(lines).map(([name, arrays]) => {
    check(
      Array.isArray(arrays) && arrays.length === count,
      `${argument}.${name}`,
      `${count} arrays (one per control value)`,
      arrays,
    );
    return [name, arrays.map((y, k) => checkedNumbers(y, `${argument}.${name}[${k}]`))];
  });
}

/**
 * Rounds, in place, arrays drawn on one axis: to 3 significant digits on a log scale, else to the
 * decimal that splits their range into at least 1000 steps.
 */
function roundForAxis(arrays: (number | null)[][], log: boolean | undefined): void {
  const values = arrays.flat().filter((v): v is number => v !== null);
  const span = Math.max(...values) - Math.min(...values) || Math.max(...values.map(Math.abs)) || 1;
  const decimals = Math.min(100, Math.max(0, 3 - Math.floor(Math.log10(span))));
  // + 0 turns the -0 of a small negative value rounded away into 0, as JSON would.
  const round = log
    ? (v: number) => Number(v.toPrecision(3)) + 0
    : (v: number) => Number(v.toFixed(decimals)) + 0;
  for (const array of arrays) array.forEach((v, i) => (array[i] = v === null ? null : round(v)));
}

/**
 * vega-lite transforms that spread the array `field` into one row per element, numbered from 0 in
 * `i`.
 */
function indexed(field: string, groupby: string[]) {
  return [
    { flatten: [field] },
    { window: [{ op: "row_number", as: "i" }], groupby },
    { calculate: "datum.i - 1", as: "i" },
  ];
}

/** One y range for every variant, so the axis stays put while the control moves. */
function fixedScale(arrays: (number | null)[][], log: boolean | undefined, argument: string) {
  const values = arrays.flat().filter((v): v is number => v !== null && (!log || v > 0));
  check(
    values.length > 0,
    argument,
    log ? "some positive values (the scale is logarithmic)" : "some finite values",
    "none",
  );
  const domain = [Math.min(...values), Math.max(...values)];
  return log ? { type: "log", domain } : { domain, zero: false };
}

/** Log axes: 1e-8 rather than 0.00000001, 0.004 rather than 4e-3. */
function logAxis(log: boolean | undefined) {
  return log ? { axis: { format: ".2~g" } } : {};
}

/**
 * Gates in (0, 1) and tanh values in (-1, 1) keep those ranges; a cell state gets one symmetric
 * about 0.
 */
function gateScale(arrays: (number | null)[][]) {
  const values = arrays.flat().filter((v): v is number => v !== null);
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (low >= 0 && high <= 1) return { domain: [0, 1] };
  if (low >= -1 && high <= 1) return { domain: [-1, 1] };
  return { domain: [-Math.max(-low, high), Math.max(-low, high)] };
}

function unique<T>(value: T, index: number, array: T[]): boolean {
  return array.indexOf(value) === index;
}
