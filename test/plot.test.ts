import { describe, expect, it } from "vitest";
import * as vegaLite from "vega-lite";
import type { TopLevelSpec } from "vega-lite";
import * as tf from "@tensorflow/tfjs";
import { ArgumentError } from "../src/errors";
import {
  decompositionChart, heatmapChart, linesChart, lossChart, predictionChart, seriesChart, sweepChart,
} from "../src/plots/charts";

// Specs are plain JSON: reading them as loose objects keeps the assertions short.
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const loose = (spec: TopLevelSpec) => spec as unknown as Loose;
const sine = Array.from({ length: 100 }, (_, i) => Math.sin((2 * Math.PI * i) / 50));

/** Compiles with vega-lite (throws on an invalid spec) and returns the warnings it logged. */
function compileWarnings(spec: TopLevelSpec): string[] {
  const warnings: string[] = [];
  const logger = { level: () => logger, warn: (...m: unknown[]) => (warnings.push(m.join(" ")), logger), info: () => logger, debug: () => logger, error: (...m: unknown[]) => (warnings.push(m.join(" ")), logger) };
  vegaLite.compile(spec, { logger: logger as never });
  return warnings;
}

describe("every builder", () => {
  const specs: Record<string, TopLevelSpec> = {
    series: seriesChart(sine, { inputs: [0], targets: [1] }),
    prediction: predictionChart(sine, sine.slice(2), { offset: 2 }),
    loss: lossChart({ train: [1, 0.5], validation: [1.1, 0.6] }, { log: true }),
    lines: linesChart({ a: [1, 2], b: [2, 1] }),
    sweep: sweepChart([1, 2, 4], [0.3, 0.1, 0.2]),
    decomposition: decompositionChart({ observed: [1, 2, 3], trend: [1, 2, 3], seasonal: [0, 0, 0], residual: [0, 0, 0] }),
    heatmap: heatmapChart([[1, 2], [3, 4]]),
  };

  it.each(Object.entries(specs))("%s: compiles with vega-lite v5 without warnings, has a title, holds only JSON", (_, spec) => {
    expect(compileWarnings(spec)).toEqual([]);
    expect(loose(spec).$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    expect(loose(spec).title).toBeTruthy();
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });
});

describe("seriesChart", () => {
  const spec = loose(seriesChart(new Float32Array(sine), { inputs: [0, 25], targets: [1, 26], title: "First 100 points" }));
  const [line, crosses, dots] = spec.layer;

  it("draws the series as a line over t = 0..n-1", () => {
    expect(line.mark.type).toBe("line");
    expect(line.data.values).toHaveLength(100);
    expect(line.data.values[25]).toMatchObject({ x: 25, role: "series" });
    expect(Math.fround(line.data.values[25].y)).toBe(Math.fround(sine[25]));
    expect(spec.encoding.x).toMatchObject({ field: "x", type: "quantitative", title: "t" });
    expect(spec.title).toBe("First 100 points");
  });

  it("marks inputs with red crosses and targets with green dots, at the series' values", () => {
    expect(crosses.data.values.map((p: Loose) => [p.x, p.role])).toEqual([[0, "input"], [25, "input"]]);
    expect(dots.data.values.map((p: Loose) => [p.x, p.y])).toEqual([[1, line.data.values[1].y], [26, line.data.values[26].y]]);
    expect(crosses.mark).toMatchObject({ type: "point", filled: false });
    expect(dots.mark).toMatchObject({ type: "point", filled: true });
    const { domain, range } = crosses.encoding.color.scale;
    expect(domain).toEqual(["series", "input", "target"]);
    expect(range[domain.indexOf("input")]).toBe("#d62728");
    expect(range[domain.indexOf("target")]).toBe("#2ca02c");
    expect(crosses.encoding.shape.scale.range[1]).toMatch(/^M/); // an "x" path, as matplotlib's marker="x"
  });

  it("keeps float32 values short in the JSON and turns NaN into gaps", () => {
    const values = loose(seriesChart(new Float32Array([0.1, NaN, 2.5]))).layer[0].data.values.map((r: Loose) => r.y);
    expect(values).toEqual([0.1, null, 2.5]);
  });

  it("uses Dates as a temporal axis", () => {
    const days = [new Date("2024-01-01"), new Date("2024-01-02")];
    const s = loose(seriesChart([1, 2], { x: days }));
    expect(s.encoding.x.type).toBe("temporal");
    expect(s.layer[0].data.values[1].x).toBe("2024-01-02T00:00:00.000Z");
  });

  it("explains bad input", () => {
    expect(() => seriesChart(sine, { inputs: [100] })).toThrow("options.inputs: expected indices in [0, 99], received 100");
    expect(() => seriesChart([])).toThrow(ArgumentError);
    expect(() => seriesChart(["1", 2] as never)).toThrow('values[0]: expected a number, received "1"');
    const t = tf.tensor([1, 2]);
    expect(() => seriesChart(t as never)).toThrow(/values: expected an array of numbers, not a tensor.*await t.data\(\)/);
    t.dispose();
  });
});

describe("predictionChart", () => {
  it("puts truth and prediction on one x axis, the prediction shifted by offset", () => {
    const spec = loose(predictionChart([0, 1, 2, 3], [2.1, 2.9], { offset: 2 }));
    const rows = spec.data.values.map((r: Loose) => [r.series, r.x, r.y]);
    expect(rows).toEqual([["truth", 0, 0], ["truth", 1, 1], ["truth", 2, 2], ["truth", 3, 3], ["prediction", 2, 2.1], ["prediction", 3, 2.9]]);
    expect(spec.encoding.color.scale.domain).toEqual(["truth", "prediction"]);
  });

  it("refuses a prediction that does not fit", () => {
    expect(() => predictionChart([0, 1, 2], [1, 2], { offset: 2 })).toThrow(/options.offset: expected an integer in \[0, 1\]/);
  });
});

describe("lossChart", () => {
  it("numbers epochs from 1 and can use a log scale", () => {
    const spec = loose(lossChart({ train: [1, 0.1, 0.01], validation: [2, 0.2, 0.02] }, { log: true }));
    expect(spec.data.values.filter((r: Loose) => r.series === "validation").map((r: Loose) => [r.x, r.y])).toEqual([[1, 2], [2, 0.2], [3, 0.02]]);
    expect(spec.encoding.x).toMatchObject({ title: "epoch", axis: { tickMinStep: 1 } });
    expect(spec.encoding.y.scale).toEqual({ type: "log" });
    expect(spec.encoding.y.title).toBe("loss (log scale)");
  });

  it("is linear by default and works without validation", () => {
    const spec = loose(lossChart({ train: [1, 0.5] }));
    expect(spec.encoding.y.scale.type).toBeUndefined();
    expect(spec.encoding.color.scale.domain).toEqual(["train"]);
  });
});

describe("linesChart and sweepChart", () => {
  it("linesChart: one coloured line per named series, different lengths allowed", () => {
    const spec = loose(linesChart({ rnn: [3, 2, 1], lstm: [2, 1] }, { yTitle: "loss" }));
    expect(spec.encoding.color).toMatchObject({ field: "series", scale: { domain: ["rnn", "lstm"] } });
    expect(spec.data.values).toHaveLength(5);
    expect(spec.encoding.y.title).toBe("loss");
    expect(spec.title).toBe("rnn vs lstm");
  });

  it("sweepChart: metric against parameter, with points, named after its axes", () => {
    const spec = loose(sweepChart([1, 2, 5], [0.3, 0.1, 0.2], { xTitle: "lookback", yTitle: "validation MSE" }));
    expect(spec.data.values).toEqual([{ x: 1, y: 0.3 }, { x: 2, y: 0.1 }, { x: 5, y: 0.2 }]);
    expect(spec.mark.point).toBeTruthy();
    expect(spec.title).toBe("Validation MSE vs lookback");
    expect(() => sweepChart([1, 2], [1])).toThrow("metric: expected an array as long as parameter (2)");
  });
});

describe("decompositionChart", () => {
  it("stacks observed, trend, seasonal and residual over one shared x scale", () => {
    const spec = loose(decompositionChart({ observed: [3, 4], trend: [2, 3], seasonal: [1, 1], residual: [0, 0] }));
    expect(spec.vconcat.map((p: Loose) => p.encoding.y.title)).toEqual(["observed", "trend", "seasonal", "residual"]);
    expect(spec.vconcat[1].data.values).toEqual([{ x: 0, y: 2 }, { x: 1, y: 3 }]);
    expect(spec.resolve.scale.x).toBe("shared");
    expect(spec.vconcat.map((p: Loose) => p.encoding.x.title)).toEqual([null, null, null, "t"]);
  });

  it("requires parts of equal length", () => {
    expect(() => decompositionChart({ observed: [1, 2], trend: [1], seasonal: [1, 2], residual: [1, 2] })).toThrow("parts.trend: expected length 2");
  });
});

describe("heatmapChart", () => {
  const rows = [[1, 2, 3], [4, 5, 6]];

  it("has one cell per value: rows on y, columns on x, value as colour", () => {
    const spec = loose(heatmapChart(rows, { xTitle: "time step", yTitle: "epoch", rowLabels: [1, 2], colorTitle: "gradient norm" }));
    expect(spec.mark.type).toBe("rect");
    expect(spec.data.values).toHaveLength(6);
    expect(spec.data.values[5]).toEqual({ row: "2", column: "2", value: 6 });
    expect(spec.encoding.color.title).toBe("gradient norm");
    expect(spec.encoding.y.sort).toEqual(["1", "2"]);
  });

  it("log colour scale only for positive values", () => {
    expect(loose(heatmapChart(rows, { log: true })).encoding.color.scale.type).toBe("log");
    expect(() => heatmapChart([[0, 1]], { log: true })).toThrow(/only positive values/);
    expect(() => heatmapChart([[1, 2], [1]])).toThrow("rows[1]: expected length 2");
  });
});

describe("whole-number x axes", () => {
  it("get integer ticks when every x is whole (epochs, sizes), and ordinary ticks otherwise", () => {
    const axisOf = (spec: TopLevelSpec) => loose(spec).encoding.x.axis;
    expect(axisOf(linesChart({ a: [1, 2, 3] }, { x: [1, 2, 3] }))).toEqual({ tickMinStep: 1, format: "d" });
    expect(axisOf(linesChart({ a: [1, 2, 3] }, { x: [0.5, 1, 1.5] }))).toBeUndefined();
    expect(axisOf(sweepChart([1, 2, 4, 8], [0.3, 0.2, 0.1, 0.2]))).toEqual({ tickMinStep: 1, format: "d" });
    expect(axisOf(sweepChart([0.1, 0.5], [0.3, 0.2]))).toBeUndefined();
  });
});
