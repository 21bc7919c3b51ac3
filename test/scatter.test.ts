import { describe, expect, it } from "vitest";
import { ArgumentError } from "../src/errors";
import { scatterChart } from "../src/plots/charts";
import { renderSvg } from "../src/plots/show";

describe("scatterChart", () => {
  it("puts every point of every group in the data, tagged with its group, and renders", async () => {
    const spec = scatterChart({ truth: { x: [0, 1, 2], y: [1, 2, 3] }, model: { x: [0, 1], y: [1.5, 2.5] } }, { title: "Lag plot" });
    const values = (spec as { data: { values: { x: number; y: number; group: string }[] } }).data.values;
    expect(values).toHaveLength(5);
    expect(values.filter((v) => v.group === "model").map((v) => v.y)).toEqual([1.5, 2.5]);
    const svg = await renderSvg(spec);
    expect(svg).toContain("Lag plot");
    expect(svg).toContain("model");
  });

  it("stores float32 noise as short decimals", () => {
    const spec = scatterChart({ a: { x: Float32Array.of(0.1), y: [1 / 3] } });
    const [point] = (spec as { data: { values: { x: number; y: number }[] } }).data.values;
    expect(point).toMatchObject({ x: 0.1, y: 0.333333 });
  });

  it("names the group whose arrays are bad", () => {
    expect(() => scatterChart({})).toThrow(ArgumentError);
    expect(() => scatterChart({ a: { x: [1, 2], y: [1] } })).toThrow(/groups.a.y: expected as many values as groups.a.x \(2\)/);
    expect(() => scatterChart({ a: { x: [1, NaN], y: [1, 2] } })).toThrow(/groups.a.x/);
  });
});
