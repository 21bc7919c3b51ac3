/**
 * A diagram drawn from code: boxes, circles, text and arrows placed on a canvas in pixels, turned
 * into a vega-lite spec. Being a spec, a diagram travels like every chart of the course:
 * `show(diagram)` stores it with a PNG and a text line, so JupyterLab draws it from the spec, and
 * classic Notebook, GitHub, nbconvert and the site show the picture or the spec without anything
 * new.
 *
 *   const d = new Diagram(300, 120, "One step");
 *   const x = d.box(60, 60, "x_t");
 *   const h = d.box(220, 60, "h_t", { fill: stateFill });
 *   d.arrow([x.right, h.left], { label: "W_{ih}" });
 *   await show(d.spec());
 *
 * Labels are written like TeX, `h_{t-1}`, `W^T`, and drawn with Unicode sub- and superscripts
 * (hₜ₋₁, Wᵀ): plain text that every front end and font can draw, so the picture needs no math
 * renderer.
 */
import type { TopLevelSpec } from "vega-lite";
import { check } from "../errors";
import { grey, schema } from "./spec";

export type Point = [number, number];

/** A placed box or circle: its centre and the middle of each side, where arrows start and end. */
export interface Shape {
  x: number;
  y: number;
  top: Point;
  bottom: Point;
  left: Point;
  right: Point;
}

export interface BoxOptions {
  width?: number;
  height?: number;
  fill?: string;
  stroke?: string;
  fontSize?: number;
}

export interface TextOptions {
  size?: number;
  color?: string;
  align?: "left" | "center" | "right";
  bold?: boolean;
  italic?: boolean;
}

export interface ArrowOptions {
  color?: string;
  dashed?: boolean;
  width?: number;
  /**
   * Text beside the arrow, at `labelAt` (default: the middle of the arrow's longest segment, offset
   * up).
   */
  label?: string;
  labelAt?: Point;
  labelColor?: string;
  labelAlign?: TextOptions["align"];
  /** false: a plain line, no arrowhead (a bus that arrows leave from). */
  head?: boolean;
}

/** Light fills for the kinds of things a diagram shows. */
export const fills = {
  state: "#dbe8f6",
  input: "#eeeeee",
  output: "#fde4cc",
  gate: "#f7f3c6",
  op: "#ffffff",
  loss: "#f6d5d5",
};
/** The colour of gradients flowing backwards. */
export const gradientColor = "#d62728";

const SUB: Record<string, string> = {
  "0": "₀",
  "1": "₁",
  "2": "₂",
  "3": "₃",
  "4": "₄",
  "5": "₅",
  "6": "₆",
  "7": "₇",
  "8": "₈",
  "9": "₉",
  "+": "₊",
  "-": "₋",
  "=": "₌",
  "(": "₍",
  ")": "₎",
  a: "ₐ",
  e: "ₑ",
  h: "ₕ",
  i: "ᵢ",
  j: "ⱼ",
  k: "ₖ",
  l: "ₗ",
  m: "ₘ",
  n: "ₙ",
  o: "ₒ",
  p: "ₚ",
  r: "ᵣ",
  s: "ₛ",
  t: "ₜ",
  u: "ᵤ",
  v: "ᵥ",
  x: "ₓ",
  " ": " ",
};
const SUP: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "+": "⁺",
  "-": "⁻",
  "=": "⁼",
  "(": "⁽",
  ")": "⁾",
  a: "ᵃ",
  b: "ᵇ",
  c: "ᶜ",
  d: "ᵈ",
  e: "ᵉ",
  f: "ᶠ",
  g: "ᵍ",
  h: "ʰ",
  i: "ⁱ",
  j: "ʲ",
  k: "ᵏ",
  l: "ˡ",
  m: "ᵐ",
  n: "ⁿ",
  o: "ᵒ",
  p: "ᵖ",
  r: "ʳ",
  s: "ˢ",
  t: "ᵗ",
  u: "ᵘ",
  v: "ᵛ",
  w: "ʷ",
  x: "ˣ",
  y: "ʸ",
  z: "ᶻ",
  T: "ᵀ",
  " ": " ",
};

/**
 * TeX-like sub- and superscripts in Unicode: `h_{t-1}` → hₜ₋₁, `h_t^2` → hₜ², `W^T` → Wᵀ. Unicode
 * has no subscript for some letters (b, c, d, f, g, q, w, y, z): those are refused, so no label
 * silently loses one.
 */
export function math(label: string): string {
  return label.replace(
    /([_^])(\{([^}]*)\}|(.))/g,
    (_, mark: string, _group, braced?: string, single?: string) => {
      const table = mark === "_" ? SUB : SUP;
      return Array.from(braced ?? single ?? "", (ch) => {
        check(
          ch in table,
          "label",
          `sub- and superscripts Unicode has (no ${mark === "_" ? "subscript" : "superscript"} "${ch}")`,
          label,
        );
        return table[ch];
      }).join("");
    },
  );
}

type Row = Record<string, number | string>;

/**
 * A diagram under construction; `spec()` turns it into vega-lite. Coordinates are pixels, y
 * pointing down.
 */
export class Diagram {
  private readonly regions: Row[] = [];
  private readonly rects: Row[] = [];
  private readonly circles: Row[] = [];
  private readonly texts: Row[] = [];
  private readonly lines: Row[] = [];
  private readonly heads: Row[] = [];
  private arrows = 0;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly title: string,
  ) {
    check(width > 0 && height > 0, "width/height", "positive pixel sizes", [width, height]);
  }

  /** A rounded box centred on (x, y) with a label. */
  box(x: number, y: number, label: string, options: BoxOptions = {}): Shape {
    const {
      width = 56,
      height = 36,
      fill = fills.state,
      stroke = "#333333",
      fontSize = 16,
    } = options;
    this.rects.push({
      x: x - width / 2,
      x2: x + width / 2,
      y: y - height / 2,
      y2: y + height / 2,
      fill,
      stroke,
    });
    if (label) this.text(x, y, label, { size: fontSize });
    return shape(x, y, width / 2, height / 2);
  }

  /**
   * A shaded area drawn under everything else, grouping what lies on it (a cell, an encoder), with
   * a caption.
   */
  region(x: number, y: number, width: number, height: number, label: string): void {
    this.regions.push({ x, x2: x + width, y, y2: y + height });
    if (label)
      this.text(x + 8, y + 12, label, { align: "left", color: "#666666", italic: true, size: 13 });
  }

  /** A circle of `diameter` centred on (x, y): an operation such as ⊙ or +. */
  circle(
    x: number,
    y: number,
    label: string,
    options: { diameter?: number; fill?: string; fontSize?: number } = {},
  ): Shape {
    const { diameter = 26, fill = fills.op, fontSize = 18 } = options;
    this.circles.push({ x, y, size: diameter * diameter, fill });
    if (label) this.text(x, y, label, { size: fontSize });
    return shape(x, y, diameter / 2, diameter / 2);
  }

  /** Text centred (or aligned) on (x, y); `label` may use TeX-like sub- and superscripts. */
  text(x: number, y: number, label: string, options: TextOptions = {}): void {
    const {
      size = 14,
      color = "#222222",
      align = "center",
      bold = false,
      italic = false,
    } = options;
    this.texts.push({
      x,
      y,
      text: math(label),
      size,
      color,
      align,
      weight: bold ? "bold" : "normal",
      style: italic ? "italic" : "normal",
    });
  }

  /** An arrow along `points` (two or more), its head at the last one. */
  arrow(points: Point[], options: ArrowOptions = {}): void {
    check(Array.isArray(points) && points.length >= 2, "points", "two points or more", points);
    const { color = grey, dashed = false, width = 1.6, head = true } = options;
    const id = this.arrows++;
    const [from, to] = [points[points.length - 2], points[points.length - 1]];
    const length = Math.hypot(to[0] - from[0], to[1] - from[1]);
    // The line stops inside the head, so its end does not poke out of the tip.
    const tail = head ? Math.min(6, length / 2) / length : 0;
    const end: Point = [to[0] - (to[0] - from[0]) * tail, to[1] - (to[1] - from[1]) * tail];
    [...points.slice(0, -1), end].forEach(([x, y], order) =>
      this.lines.push({ id, order, x, y, color, dash: dashed ? "dashed" : "solid", width }),
    );
    if (head) {
      const angle = (Math.atan2(to[0] - from[0], from[1] - to[1]) * 180) / Math.PI;
      this.heads.push({ x: to[0], y: to[1], angle, color });
    }
    if (options.label) {
      const at = options.labelAt ?? middleOfLongest(points);
      this.text(at[0], at[1], options.label, {
        color: options.labelColor ?? color,
        align: options.labelAlign,
        size: 14,
      });
    }
  }

  /** The vega-lite spec: one layer per kind of mark, on a canvas of width × height pixels. */
  spec(): TopLevelSpec {
    const x = {
      field: "x",
      type: "quantitative",
      scale: { domain: [0, this.width] },
      axis: null,
    } as const;
    const y = {
      field: "y",
      type: "quantitative",
      scale: { domain: [0, this.height], reverse: true },
      axis: null,
    } as const;
    const direct = (field: string) =>
      ({ field, type: "nominal", scale: null, legend: null }) as const;
    const layer: object[] = [];
    const add = (values: Row[], mark: object, encoding: object) =>
      values.length && layer.push({ data: { values }, mark, encoding: { x, y, ...encoding } });
    add(
      this.regions,
      { type: "rect", cornerRadius: 12, fill: "#f7f7f7", stroke: "#bbbbbb", strokeDash: [4, 3] },
      { x2: { field: "x2" }, y2: { field: "y2" } },
    );
    add(
      this.lines,
      { type: "line", interpolate: "linear", strokeCap: "round" },
      {
        detail: { field: "id", type: "nominal" },
        order: { field: "order", type: "quantitative" },
        color: direct("color"),
        strokeWidth: { field: "width", type: "quantitative", scale: null },
        strokeDash: {
          field: "dash",
          type: "nominal",
          scale: {
            domain: ["solid", "dashed"],
            range: [
              [1, 0],
              [6, 4],
            ],
          },
          legend: null,
        },
      },
    );
    add(
      this.heads,
      { type: "point", shape: "M0,0L-0.5,1.3L0.5,1.3Z", filled: true, size: 130, opacity: 1 },
      {
        angle: { field: "angle", type: "quantitative", scale: null },
        color: direct("color"),
      },
    );
    add(
      this.rects,
      { type: "rect", cornerRadius: 6, strokeWidth: 1.2 },
      {
        x2: { field: "x2" },
        y2: { field: "y2" },
        fill: direct("fill"),
        stroke: direct("stroke"),
      },
    );
    add(
      this.circles,
      {
        type: "point",
        shape: "circle",
        filled: true,
        opacity: 1,
        stroke: "#333333",
        strokeWidth: 1.2,
      },
      {
        size: { field: "size", type: "quantitative", scale: null },
        fill: direct("fill"),
      },
    );
    // align, font weight and style are mark properties in vega-lite: one text layer per combination
    // used.
    const styles = [...new Set(this.texts.map((t) => `${t.align}/${t.weight}/${t.style}`))];
    for (const style of styles) {
      const [align, fontWeight, fontStyle] = style.split("/");
      add(
        this.texts.filter((t) => `${t.align}/${t.weight}/${t.style}` === style),
        { type: "text", align, baseline: "middle", fontWeight, fontStyle },
        {
          text: { field: "text", type: "nominal" },
          size: { field: "size", type: "quantitative", scale: null },
          color: direct("color"),
        },
      );
    }
    return {
      $schema: schema,
      title: this.title,
      width: this.width,
      height: this.height,
      background: "white",
      // The canvas is the size asked for: vega would otherwise grow it around its estimate of text
      // widths.
      autosize: { type: "none" },
      padding: { top: 34, left: 6, right: 6, bottom: 6 },
      config: { view: { stroke: null } },
      layer,
    } as TopLevelSpec;
  }
}

function shape(x: number, y: number, halfWidth: number, halfHeight: number): Shape {
  return {
    x,
    y,
    top: [x, y - halfHeight],
    bottom: [x, y + halfHeight],
    left: [x - halfWidth, y],
    right: [x + halfWidth, y],
  };
}

/**
 * Where an arrow's label goes by default: 10 px above (or right of) the middle of its longest
 * segment.
 */
function middleOfLongest(points: Point[]): Point {
  let best = 0;
  for (let i = 1; i < points.length - 1; i++) {
    const length = (k: number) =>
      Math.hypot(points[k + 1][0] - points[k][0], points[k + 1][1] - points[k][1]);
    if (length(i) > length(best)) best = i;
  }
  const [a, b] = [points[best], points[best + 1]];
  const horizontal = Math.abs(b[0] - a[0]) >= Math.abs(b[1] - a[1]);
  return [(a[0] + b[0]) / 2 + (horizontal ? 0 : 16), (a[1] + b[1]) / 2 - (horizontal ? 10 : 0)];
}
