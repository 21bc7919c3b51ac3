import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import * as tf from "@tensorflow/tfjs";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../src/errors";
import { gatesChart, lookbackChart, sliderChart } from "../src/plots/explorables";
import { mimeBundle, vegaLiteMime } from "../src/plots/show";
import type { GateTrace } from "../src/analysis/gates";

// Specs are plain JSON: reading them as loose objects keeps the assertions short.
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const loose = (spec: TopLevelSpec) => spec as unknown as Loose;

// vega-lite ships its JSON schema (draft-07); "format" keywords (uri, color-hex) are not what is tested here.
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false })
  .compile(JSON.parse(readFileSync(require.resolve("vega-lite/build/vega-lite-schema.json"), "utf8")));

/** The chart as vega draws it in Node (as `show` does for its static picture), with some controls moved. */
async function picture(spec: TopLevelSpec, signals: Record<string, unknown> = {}): Promise<string> {
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    for (const [name, value] of Object.entries(signals)) view.signal(name, value);
    await view.runAsync();
    // Clip paths are numbered by a counter shared by every view drawn so far: not part of the picture.
    return (await view.toSVG()).replace(/clip\d+/g, "clip");
  } finally {
    view.finalize();
  }
}

/** Compiles with vega-lite (throws on an invalid spec) and returns the warnings it logged. */
function compileWarnings(spec: TopLevelSpec): string[] {
  const warnings: string[] = [];
  const log = (...m: unknown[]) => (warnings.push(m.join(" ")), logger);
  const logger = { level: () => logger, warn: log, error: log, info: () => logger, debug: () => logger };
  vegaLite.compile(spec, { logger: logger as never });
  return warnings;
}

const T = 60;
const radii = [0.5, 0.75, 1, 1.25, 1.5];
const norms = radii.map((r) => Array.from({ length: T }, (_, t) => 10 * r ** (T - 1 - t)));
const sine = Array.from({ length: 200 }, (_, t) => Math.sin((2 * Math.PI * t) / 50));
const lookbacks = [1, 2, 4, 8];
const predictions = lookbacks.map((L) => sine.slice(100, 150).map((v) => v * (1 - 0.5 / L)));
/** A fake LSTM trace: T steps of H units, each quantity in its own range (gates in (0, 1), c beyond). */
const trace = (sign: number, steps = 41, units = 16): GateTrace =>
  Object.fromEntries(["i", "f", "g", "o", "c"].map((q) => [q, Array.from({ length: steps }, (_, t) =>
    Array.from({ length: units }, (_, u) => (q === "c" ? sign * 0.25 * t * Math.cos(u) : 0.5 + 0.4 * Math.sin(t + u))))]));
const input = (sign: number, steps = 41) => Array.from({ length: steps }, (_, t) => (t === 0 ? sign : Math.sin(3.3 * t)));

const explorables: { name: string; spec: TopLevelSpec; initial: Record<string, unknown>; moves: Record<string, [unknown, unknown]> }[] = [
  {
    name: "sliderChart with a sweep panel",
    spec: sliderChart({ label: "spectral radius ρ", values: radii, initial: 1 }, { norm: norms }, {
      log: true, metric: { title: "norm at t = 0", values: { norm: norms.map((n) => n[0]) }, log: true },
    }),
    initial: { p: 1 },
    moves: { p: [0.5, 1.5] },
  },
  {
    name: "sliderChart over dates, with a fixed line",
    spec: sliderChart({ label: "months ahead h", values: [1, 2, 3] }, { forecast: [1, 2, 3].map((h) => sine.slice(h, h + 24)) }, {
      x: Array.from({ length: 24 }, (_, m) => new Date(Date.UTC(2013, m, 1))), fixed: { truth: sine.slice(0, 24) },
    }),
    initial: { p: 1 },
    moves: { p: [1, 3] },
  },
  {
    name: "lookbackChart",
    spec: lookbackChart(sine, { label: "lookback L", values: lookbacks, initial: 4 }, predictions, { from: 100, position: 120 }),
    initial: { lookback: 4, position: 120 },
    moves: { lookback: [1, 8], position: [100, 149] },
  },
  {
    name: "gatesChart with two sequences",
    spec: gatesChart({ "+1": { input: input(1), trace: trace(1) }, "-1": { input: input(-1), trace: trace(-1) } }, { unit: 2, time: 40 }),
    initial: { time: 40, sequence: "+1" },
    moves: { time: [0, 40], sequence: ["+1", "-1"] },
  },
];

describe.each(explorables)("$name", ({ spec, initial, moves }) => {
  it("validates against vega-lite 5's JSON schema and compiles without warnings", () => {
    expect(validate(spec), JSON.stringify(validate.errors?.slice(0, 3), null, 1)).toBe(true);
    expect(compileWarnings(spec)).toEqual([]);
    expect(loose(spec).$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it("binds every parameter to a control and starts at the given values, which the static picture shows", async () => {
    const params = loose(spec).params as Loose[];
    expect(Object.fromEntries(params.map((p) => [p.name, p.value]))).toEqual(initial);
    for (const p of params) expect(["range", "radio"]).toContain(p.bind.input);
    expect(await picture(spec) === await picture(spec, initial)).toBe(true);
  });

  it("goes through show's path like any chart: the bundle carries the spec, controls and all", async () => {
    expect((await mimeBundle(spec))[vegaLiteMime]).toBe(spec);
  });

  it("draws a different picture for each end of every control", async () => {
    for (const [name, [a, b]] of Object.entries(moves)) {
      expect(await picture(spec, { [name]: a }) === await picture(spec, { [name]: b }), name).toBe(false);
    }
  });
});

describe("controls", () => {
  const params = (spec: TopLevelSpec) => loose(spec).params as Loose[];

  it("evenly spaced values get a slider with their step; others one radio button each", () => {
    const radii21 = Array.from({ length: 21 }, (_, k) => (50 + 5 * k) / 100);
    const slider = sliderChart({ label: "ρ", values: radii21, initial: 0.9 }, { norm: radii21.map(() => [1, 2]) });
    expect(params(slider)[0].bind).toEqual({ input: "range", min: 0.5, max: 1.5, step: 0.05, name: "ρ " });
    const radio = sliderChart({ label: "memory size", values: [1, 2, 4, 8] }, { error: [[1], [2], [3], [4]] });
    expect(params(radio)[0].bind).toEqual({ input: "radio", options: [1, 2, 4, 8], name: "memory size " });
  });

  it("a slider value that is off by a rounding error still picks its variant", async () => {
    const spec = sliderChart({ label: "ρ", values: [0.5, 0.55, 0.6] }, { y: [[1, 1], [2, 2], [3, 3]] });
    expect(await picture(spec, { p: 0.55 + 1e-12 }) === await picture(spec, { p: 0.55 })).toBe(true);
    expect(await picture(spec, { p: 0.55 }) === await picture(spec, { p: 0.6 })).toBe(false);
  });

  it("keeps the y axis fixed while the control moves: one domain for every variant", () => {
    const spec = sliderChart({ label: "ρ", values: radii }, { norm: norms }, { log: true });
    expect(loose(spec).encoding.y.scale).toEqual({ type: "log", domain: [norms[0][0], norms[4][0]].map((v) => Number(v.toPrecision(3))) });
  });
});

describe("stored data", () => {
  it("rounds to what the axis shows: a thousandth of the range, or 3 significant digits on a log scale", () => {
    const co2 = [400.123456, 410.987654];
    const linear = sliderChart({ label: "h", values: [1, 2] }, { ppm: [co2, co2] });
    expect(loose(linear).datasets.lines[0].y).toEqual([400.12, 410.99]);
    const log = sliderChart({ label: "ρ", values: [1, 2] }, { norm: [[1.23456e-17, 1], [2, 3.45678e8]] }, { log: true });
    expect(loose(log).datasets.lines[0].y).toEqual([1.23e-17, 1]);
    expect(loose(log).datasets.lines[1].y).toEqual([2, 3.46e8]);
  });

  it("stores each variant once and leaves the caller's arrays alone", () => {
    const y = [[0.123456, 0.5], [0.7, 0.9]];
    const spec = sliderChart({ label: "k", values: [1, 2] }, { y }, { fixed: { base: [0, 1] } });
    expect(loose(spec).datasets.lines).toEqual([{ s: "y", p: 1, y: [0.123, 0.5] }, { s: "y", p: 2, y: [0.7, 0.9] }, { s: "base", y: [0, 1] }]);
    expect(y[0][0]).toBe(0.123456);
  });

  it("labels the units of each gate panel far enough apart that no two labels touch, however many units", () => {
    // The widest a digit of vega's 10 px axis labels is in common fonts (0.64 em), plus the least gap that reads.
    const digit = 6.4;
    const gap = 3;
    for (const units of [3, 16, 32, 100]) {
      for (const width of [300, 600, 900]) {
        const panels = loose(gatesChart({ a: { input: input(1, 12), trace: trace(1, 12, units) } }, { width })).vconcat[1].hconcat as Loose[];
        for (const panel of panels) {
          const labels = panel.encoding.x.axis.values as number[];
          expect(labels[0]).toBe(0);
          expect(labels.every((v) => Number.isInteger(v) && v >= 0 && v < units)).toBe(true);
          const pxPerUnit = panel.width / units;
          labels.slice(1).forEach((v, k) => {
            const [a, b] = [String(labels[k]), String(v)];
            expect((v - labels[k]) * pxPerUnit, `${units} units, width ${width}: ${a} and ${b}`).toBeGreaterThanOrEqual(((a.length + b.length) / 2) * digit + gap);
          });
        }
      }
    }
  });

  it("lecture-sized gates (2 sequences, 41 steps, 16 units, 5 quantities) stay far below 300 KB", () => {
    const spec = gatesChart({ "+1": { input: input(1), trace: trace(1) }, "-1": { input: input(-1), trace: trace(-1) } });
    // As a notebook stores it: indented JSON, one number per line.
    expect(JSON.stringify(spec, null, 1).length).toBeLessThan(200_000);
  });

  it("the lookback chart keeps only the part of the series it shows", () => {
    const spec = lookbackChart(sine, { label: "L", values: lookbacks }, predictions, { from: 100 });
    expect(loose(spec).datasets.series[0].y).toHaveLength(8 + 50);
  });
});

describe("bad input gets a clear error that names the argument", () => {
  const y2 = [[1], [2]];
  const cases: [string, () => unknown, RegExp][] = [
    ["values not increasing", () => sliderChart({ label: "ρ", values: [1, 0.5] }, { y: y2 }),
      /^control\.values: expected increasing values/],
    ["initial not among the values", () => sliderChart({ label: "ρ", values: [1, 2], initial: 1.5 }, { y: y2 }),
      /^control\.initial: expected one of the values \[1, 2\], received 1\.5/],
    ["one array short", () => sliderChart({ label: "ρ", values: [1, 2, 3] }, { y: y2 }),
      /^lines\.y: expected 3 arrays \(one per control value\)/],
    ["a tensor", () => sliderChart({ label: "ρ", values: [1, 2] }, { y: [tf.tensor1d([1]) as never, [2]] }),
      /^lines\.y\[0\]: expected an array of numbers, not a tensor/],
    ["no positive value on a log scale", () => sliderChart({ label: "ρ", values: [1, 2] }, { y: [[0], [-1]] }, { log: true }),
      /^lines: expected some positive values/],
    ["metric of the wrong length", () => sliderChart({ label: "ρ", values: [1, 2] }, { y: y2 }, { metric: { title: "m", values: { m: [1] } } }),
      /^options\.metric\.values\.m: expected 2 values/],
    ["a lookback window that does not fit", () => lookbackChart(sine, { label: "L", values: lookbacks }, predictions, { from: 5 }),
      /^options\.from: expected a position in series with room/],
    ["a fractional lookback", () => lookbackChart(sine, { label: "L", values: [0.5, 1] }, y2, { from: 10 }),
      /^lookbacks\.values: expected positive whole numbers/],
    ["a trace of another length", () => gatesChart({ a: { input: input(1), trace: trace(1) }, b: { input: input(1, 40), trace: trace(1, 40) } }),
      /^sequences\.b\.trace\.i: expected 41 rows of 16 values/],
    ["a unit that does not exist", () => gatesChart({ a: { input: input(1), trace: trace(1) } }, { unit: 16 }),
      /^options\.unit: expected a unit index in \[0, 15\]/],
  ];
  it.each(cases)("%s", (_, call, message) => {
    expect(call).toThrow(ArgumentError);
    expect(call).toThrow(message);
  });
});

describe("the lectures' explorables, as stored", () => {
  const lectures = join(__dirname, "..", "lectures");
  const stored = readdirSync(lectures).filter((f) => f.endsWith(".ipynb")).map((file) => {
    const text = readFileSync(join(lectures, file), "utf8");
    const outputs = (JSON.parse(text).cells as Loose[]).flatMap((cell) => (cell.outputs ?? []) as Loose[]);
    const explorable = outputs.filter((o) => o.data?.["application/vnd.vegalite.v5+json"]?.params?.some((p: Loose) => p.bind));
    return { file, bytes: Buffer.byteLength(text), explorable };
  });

  it("lectures 02, 03, 05, 06 and 07 each hold one, under 300 KB as stored; every lecture stays under 2 MB", () => {
    const perLecture = Object.fromEntries(stored.map(({ file, explorable }) => [file.slice(0, 2), explorable.length]));
    for (const lecture of ["02", "03", "05", "06", "07"]) expect(perLecture[lecture], `lecture ${lecture}`).toBeGreaterThanOrEqual(1);
    for (const { file, bytes, explorable } of stored) {
      expect(bytes, file).toBeLessThan(2 * 1024 * 1024);
      // The output as the notebook file holds it, indented as Jupyter saves it.
      for (const output of explorable) expect(JSON.stringify(output, null, 1).length, file).toBeLessThan(300 * 1024);
    }
  });

  it("every stored explorable validates against vega-lite 5's schema", () => {
    for (const { file, explorable } of stored) {
      for (const output of explorable) {
        const spec = output.data["application/vnd.vegalite.v5+json"];
        expect(validate(spec), `${file}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
      }
    }
  });
});
