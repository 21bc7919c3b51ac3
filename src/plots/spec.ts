/**
 * What every chart of the course shares: the vega-lite schema, the lecture's colours and markers,
 * the size of a chart, and how arrays of numbers and x axes are checked and turned into the JSON a
 * spec carries.
 */
import { check } from "../errors";

/** Numbers to plot: a plain array or a typed array. NaN and ±Infinity are drawn as gaps. */
export type Numbers = ArrayLike<number>;
/** An x axis: positions (numbers) or timestamps (Dates). */
export type XValues = Numbers | Date[];

export interface ChartOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Plot area size in pixels (default 600 × 250). */
  width?: number;
  height?: number;
}

export const schema = "https://vega.github.io/schema/vega-lite/v5.json";

/** matplotlib's first colours, which the lecture's plots use. */
export const blue = "#1f77b4";
export const orange = "#ff7f0e";
export const green = "#2ca02c";
export const red = "#d62728";
export const purple = "#9467bd";
export const grey = "#7f7f7f";
/** One colour per named group, in matplotlib's order. */
export const palette = [blue, orange, green, red, purple];

/**
 * An "x" drawn as two strokes: the lecture marks inputs with red crosses (matplotlib's marker "x").
 */
const crossShape = "M-1,-1L1,1M-1,1L1,-1";
/**
 * The lecture's markers, [colour, shape]: the series a blue line, the inputs a model sees red
 * crosses, the targets it must predict green dots, and a model's predictions orange diamonds.
 */
export const roles = {
  series: [blue, "stroke"],
  input: [red, crossShape],
  target: [green, "circle"],
  prediction: [orange, "diamond"],
} as const;

/** The chart's size: `options` or the defaults (`width` × 250), checked. */
export function size(options: ChartOptions, width = 600): { width: number; height: number } {
  const chosen = { width: options.width ?? width, height: options.height ?? 250 };
  check(
    chosen.width > 0 && chosen.height > 0,
    "options.width/height",
    "positive pixel sizes",
    chosen,
  );
  return chosen;
}

/** Validates an array of numbers: plain JSON numbers, gaps (null) where a value is not finite. */
export function checkedNumbers(values: unknown, argument: string): (number | null)[] {
  const isTensor = typeof values === "object" && values !== null && "dataSync" in values;
  check(
    !isTensor,
    argument,
    "an array of numbers, not a tensor",
    values,
    "read the tensor first: await t.data() or t.arraySync()",
  );
  const isArray =
    Array.isArray(values) || (ArrayBuffer.isView(values) && !(values instanceof DataView));
  check(
    isArray && (values as ArrayLike<unknown>).length > 0,
    argument,
    "a non-empty array of numbers (number[] or Float32Array)",
    values,
  );
  const list = Array.from(values as ArrayLike<unknown>);
  const bad = list.findIndex((v) => typeof v !== "number");
  check(bad < 0, `${argument}[${bad}]`, "a number", list[bad]);
  return (list as number[]).map((v) => (Number.isFinite(v) ? v : null));
}

/**
 * `checkedNumbers`, with float32 values written as the shortest decimal that reads back as the same
 * float32: Float32Array(0.1)[0] is 0.10000000149011612 as a double, and charts of float32 data
 * would otherwise carry 17 digits per point into the notebook.
 */
export function numbers(values: unknown, argument: string): (number | null)[] {
  const list = checkedNumbers(values, argument);
  return values instanceof Float32Array
    ? list.map((v) => (v === null ? null : shortestFloat32(v)))
    : list;
}

function shortestFloat32(v: number): number {
  for (let digits = 6; digits < 9; digits++) {
    const short = Number(v.toPrecision(digits));
    if (Math.fround(short) === v) return short;
  }
  return Number(v.toPrecision(9));
}

export type XType = "quantitative" | "temporal";

/** The x axis for `length` values: `x` checked (positions or Dates), or 0, 1, 2, ... titled "t". */
export function xAxis(
  x: XValues | undefined,
  length: number,
  argument: string,
): { values: (number | string | null)[]; type: XType; title: string } {
  if (x === undefined)
    return { values: Array.from({ length }, (_, i) => i), type: "quantitative", title: "t" };
  const isDates = Array.isArray(x) && x.length > 0 && x.every((d) => d instanceof Date);
  if (isDates)
    for (const [i, d] of (x as Date[]).entries())
      check(!Number.isNaN(d.getTime()), `${argument}[${i}]`, "a valid Date", "Invalid Date");
  const values = isDates ? (x as Date[]).map((d) => d.toISOString()) : numbers(x, argument);
  check(values.length >= length, argument, `at least ${length} positions (one per value)`, x);
  return { values, type: isDates ? "temporal" : "quantitative", title: isDates ? "date" : "x" };
}
