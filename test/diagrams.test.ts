import type * as Resvg from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { ArgumentError, bpttDiagram, encoderDecoderDiagram, gruCellDiagram, lstmCellDiagram, unrolledRNNDiagram } from "../src";
import { Diagram, math } from "../src/plots/diagram";
import { mimeBundle, pngFont, vegaLiteMime } from "../src/plots/show";

type Layer = { mark: { type: string }; data: { values: Record<string, unknown>[] } };
const layers = (spec: object) => (spec as { layer: Layer[] }).layer;
/** Every text a diagram draws, in order. */
const textsOf = (spec: object) => layers(spec).filter((l) => l.mark.type === "text").flatMap((l) => l.data.values.map((v) => String(v.text)));

const DIAGRAMS = {
  "unrolled RNN": unrolledRNNDiagram(),
  "unrolled MLP-RNN": unrolledRNNDiagram({ cell: "mlp-rnn", steps: 4 }),
  BPTT: bpttDiagram(),
  "LSTM cell": lstmCellDiagram(),
  "GRU cell": gruCellDiagram(),
  "encoder–decoder": encoderDecoderDiagram(),
};

describe("math: TeX-like labels in Unicode", () => {
  it("writes sub- and superscripts, braced or single", () => {
    expect(math("h_{t-1}")).toBe("hₜ₋₁");
    expect(math("W_{hh}^T (δ_{t+1} ⊙ (1 − h_{t+1}^2))")).toBe("Wₕₕᵀ (δₜ₊₁ ⊙ (1 − hₜ₊₁²))");
    expect(math("h^{enc}, ŷ_0")).toBe("hᵉⁿᶜ, ŷ₀");
    expect(math("plain text")).toBe("plain text");
  });

  it("refuses a subscript Unicode does not have, rather than dropping it", () => {
    expect(() => math("W_{if}")).toThrow(ArgumentError);
    expect(() => math("W_{if}")).toThrow('no subscript "f"');
  });
});

describe("Diagram", () => {
  it("points each arrowhead along the arrow's last segment and stops the line inside the head", () => {
    const d = new Diagram(100, 100, "arrows");
    d.arrow([[10, 50], [90, 50]]);
    d.arrow([[50, 90], [50, 10]]);
    d.arrow([[10, 10], [10, 40], [60, 40]], { head: false });
    const spec = d.spec();
    const heads = layers(spec).find((l) => l.mark.type === "point")!.data.values;
    expect(heads.map((h) => [h.x, h.y, h.angle])).toEqual([[90, 50, 90], [50, 10, 0]]);
    const line = layers(spec).find((l) => l.mark.type === "line")!.data.values;
    expect(line.filter((p) => p.id === 0).map((p) => [p.x, p.y])).toEqual([[10, 50], [84, 50]]);
    expect(line.filter((p) => p.id === 2).map((p) => [p.x, p.y])).toEqual([[10, 10], [10, 40], [60, 40]]);
  });

  it("refuses an arrow of fewer than two points and a canvas of no size", () => {
    expect(() => new Diagram(100, 100, "x").arrow([[0, 0]])).toThrow("points: expected two points or more");
    expect(() => new Diagram(0, 100, "x")).toThrow(ArgumentError);
  });
});

describe.each(Object.entries(DIAGRAMS))("the %s diagram", (_, spec) => {
  it("is a chart like the others: vega-lite spec, PNG and text line", async () => {
    const bundle = await mimeBundle(spec);
    expect(bundle[vegaLiteMime]).toBe(spec);
    const png = Buffer.from(bundle["image/png"], "base64");
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    // The canvas is the size the diagram asks for, plus the padding around it (title on top).
    const { width, height } = spec as { width: number; height: number };
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([width + 12, height + 40]);
    expect(bundle["text/plain"]).toMatch(/^\[chart: .+\]/);
  });
});

describe("what the diagrams say, in the lectures' notation", () => {
  const text = (name: keyof typeof DIAGRAMS) => textsOf(DIAGRAMS[name]).join("\n");

  it("unrolled RNN: the same Wᵢₕ, Wₕₕ, Wₒ at every step, from h₋₁ = 0 (lecture 03's RNN cell)", () => {
    expect(text("unrolled RNN")).toContain("hₜ = tanh(Wᵢₕ xₜ + bᵢₕ + Wₕₕ hₜ₋₁ + bₕₕ)");
    for (const label of ["h₋₁ = 0", "h₀", "h₂", "x₂", "y₂"]) expect(textsOf(DIAGRAMS["unrolled RNN"])).toContain(label);
    expect(textsOf(DIAGRAMS["unrolled RNN"]).filter((t) => t === "Wₕₕ")).toHaveLength(3);
  });

  it("unrolled MLP-RNN: (yₜ, hₜ₊₁) = f(xₜ, hₜ; θ) from h₀ = 0, one box per step", () => {
    expect(text("unrolled MLP-RNN")).toContain("(yₜ, hₜ₊₁) = f(xₜ, hₜ; θ)");
    expect(textsOf(DIAGRAMS["unrolled MLP-RNN"]).filter((t) => t === "f")).toHaveLength(5);
    expect(textsOf(DIAGRAMS["unrolled MLP-RNN"])).toContain("h₄");
  });

  it("BPTT: δₜ's two sources and the sum over steps (lecture 04's equations)", () => {
    expect(text("BPTT")).toContain("δₜ = ∂L/∂hₜ = ∂ℓₜ/∂hₜ + Wₕₕᵀ (δₜ₊₁ ⊙ (1 − hₜ₊₁²))");
    expect(text("BPTT")).toContain("∂L/∂Wₕₕ = Σₜ (δₜ ⊙ (1 − hₜ²)) hₜ₋₁ᵀ");
    expect(text("BPTT")).toContain("× Wₕₕᵀ diag(1 − h₂²)");
  });

  it("LSTM: PyTorch's gate order i, f, g, o and its two state equations", () => {
    expect(text("LSTM cell")).toContain("[iₜ, fₜ, gₜ, oₜ] = [σ, σ, tanh, σ](Wᵢₕ xₜ + bᵢₕ + Wₕₕ hₜ₋₁ + bₕₕ)");
    expect(text("LSTM cell")).toContain("PyTorch's order i, f, g, o");
    expect(text("LSTM cell")).toContain("cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ;    hₜ = oₜ ⊙ tanh(cₜ)");
  });

  it("GRU: PyTorch's order r, z, n, and the reset gate applied after Wₕₙhₜ₋₁ + bₕₙ", () => {
    expect(text("GRU cell")).toContain("the order r, z, n");
    expect(text("GRU cell")).toContain("nₜ = tanh(Wᵢₙ xₜ + bᵢₙ + rₜ ⊙ (Wₕₙ hₜ₋₁ + bₕₙ))");
    expect(text("GRU cell")).toContain("hₜ = (1 − zₜ) ⊙ nₜ + zₜ ⊙ hₜ₋₁");
  });

  it("encoder–decoder: the state handed over and the decoder reading its own predictions", () => {
    expect(text("encoder–decoder")).toContain("h₀ᵈᵉᶜ = hᵉⁿᶜ");
    expect(text("encoder–decoder")).toContain("ŷ₀ = xₜ");
  });
});

it("every character the diagrams draw has a glyph in the PNG's font (none is drawn as the missing-glyph box)", () => {
  const resvg: typeof Resvg = require("@resvg/resvg-js");
  const draw = (character: string) => {
    const escaped = character.replace("&", "&amp;").replace("<", "&lt;");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><text x="8" y="30" font-size="28" font-family="sans-serif">${escaped}</text></svg>`;
    return Buffer.from(new resvg.Resvg(svg, { font: pngFont() }).render().pixels);
  };
  const missing = draw("\uE000"); // a private-use character: no font has it
  expect(draw("漢").equals(missing)).toBe(true); // the check can fail: DejaVu Sans has no CJK
  const characters = [...new Set(Object.values(DIAGRAMS).flatMap((spec) => textsOf(spec).flatMap((t) => [...t])))].filter((c) => c.trim());
  expect(characters.length).toBeGreaterThan(40);
  expect(characters.filter((character) => draw(character).equals(missing))).toEqual([]);
});
