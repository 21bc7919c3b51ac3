import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { afterEach, describe, expect, it, vi } from "vitest";
import { lossChart, seriesChart } from "../src/plots/charts";
import { liveChart, mimeBundle, renderPng, renderSvg, show, vegaLiteMime } from "../src/plots/show";
import { fakeKernel } from "./fake-kernel";

const sine = Array.from({ length: 60 }, (_, i) => Math.sin((2 * Math.PI * i) / 50));
const marked = seriesChart(sine, { inputs: [0, 25], targets: [1, 26], title: "Two samples" });

describe("renderSvg", () => {
  it("renders a standalone SVG with the title, the line and the red crosses / green dots", async () => {
    const svg = await renderSvg(marked);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain(">Two samples</text>");
    expect(svg).toMatch(/class="mark-line role-mark/);
    // Layers in order: 0 the line, 1 the inputs, 2 the targets; each point is one <path> in its layer's group.
    const layer = (i: number) => svg.match(new RegExp(`<g class="mark-symbol role-mark layer_${i}_marks"[^>]*>(.*?)</g>`))?.[1].match(/<path[^>]*>/g) ?? [];
    expect(layer(1)).toHaveLength(2);
    for (const cross of layer(1)) expect(cross).toMatch(/d="M-[\d.]+,-[\d.]+L[\d.]+,[\d.]+M.*stroke="#d62728"/); // red "x"
    expect(layer(2)).toHaveLength(2);
    for (const dot of layer(2)) expect(dot).toMatch(/fill="#2ca02c"/); // green dot
  });
});

describe("renderPng", () => {
  /** Width and height from a PNG's IHDR chunk. */
  const size = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];
  const words = (text: string) => ({
    data: { values: [{ text }] },
    mark: { type: "text", fontSize: 30 },
    encoding: { text: { field: "text" } },
    width: 200,
    height: 60,
    autosize: "none",
    config: { view: { stroke: null } },
  }) as TopLevelSpec;

  it("renders a PNG the size of the SVG, the same bytes every time", async () => {
    const [png, again, svg] = await Promise.all([renderPng(marked), renderPng(marked), renderSvg(marked)]);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const [, width, height] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!;
    expect(size(png)).toEqual([Number(width), Number(height)]);
    expect(png.equals(again)).toBe(true);
  });

  it("draws text with the course's own font, whatever the system has", async () => {
    const [text, blank] = await Promise.all([renderPng(words("Loss")), renderPng(words(""))]);
    expect(size(text)).toEqual(size(blank));
    expect(text.equals(blank)).toBe(false);
  });
});

describe("mimeBundle", () => {
  it("carries the vega-lite spec as a JSON object, a base64 PNG and a line of text, and no SVG", async () => {
    const bundle = await mimeBundle(marked);
    expect(Object.keys(bundle).sort()).toEqual(["application/vnd.vegalite.v5+json", "image/png", "text/plain"]);
    expect(typeof bundle[vegaLiteMime]).toBe("object");
    expect(bundle[vegaLiteMime]).toBe(marked);
    expect(Buffer.from(bundle["image/png"], "base64").equals(await renderPng(marked))).toBe(true);
    expect(bundle["text/plain"]).toMatch(/^\[chart: Two samples\]/);
  });
});

describe("outside a notebook", () => {
  const dir = mkdtempSync(join(tmpdir(), "show-"));

  it("show writes an SVG file named after the title, says where, and returns its path", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const path = await show(lossChart({ train: [1, 0.5] }, { title: "Loss of W1" }), { dir });
    const again = await show(lossChart({ train: [1, 0.4] }, { title: "Loss of W1" }), { dir });
    expect(path).toBe(join(dir, "loss-of-w1.svg"));
    expect(again).toBe(join(dir, "loss-of-w1-2.svg"));
    expect(readFileSync(path!, "utf8")).toMatch(/^<!-- drawn by show\(\) of rnn-course[^\n]* -->\n<svg[\s\S]*Loss of W1[\s\S]*<\/svg>$/);
    expect(log).toHaveBeenCalledWith(`chart saved to ${path}`);
    log.mockRestore();
  });

  it("a later run replaces the file show wrote; a file of the user's with that name is kept", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const figures = join(dir, "later-run");
    mkdirSync(figures);
    writeFileSync(join(figures, "mine.svg"), "<svg>my own drawing</svg>\n");
    mkdirSync(join(figures, "folder.svg"));
    const first = await show(lossChart({ train: [1, 0.5] }, { title: "Rerun" }), { dir: figures });
    vi.resetModules(); // a new run of the script: the module, and what it remembers, loaded afresh
    const later = await import("../src/plots/show");
    const again = await later.show(lossChart({ train: [1, 0.4] }, { title: "Rerun" }), { dir: figures });
    const mine = await later.show(lossChart({ train: [1] }, { title: "Mine" }), { dir: figures });
    const folder = await later.show(lossChart({ train: [1] }, { title: "Folder" }), { dir: figures });
    expect(again).toBe(first);
    expect([mine, folder]).toEqual([join(figures, "mine-2.svg"), join(figures, "folder-2.svg")]);
    expect(readFileSync(join(figures, "mine.svg"), "utf8")).toBe("<svg>my own drawing</svg>\n");
    expect(readdirSync(figures).sort()).toEqual(["folder-2.svg", "folder.svg", "mine-2.svg", "mine.svg", "rerun.svg"]);
    log.mockRestore();
  });

  it("a live chart rewrites one file", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const live = liveChart({ dir });
    await live.update(lossChart({ train: [1] }, { title: "Live" }));
    await live.update(lossChart({ train: [1, 0.5] }, { title: "Live" }));
    expect(readFileSync(join(dir, "live.svg"), "utf8")).toMatch(/>2<\/text>/); // the epoch-2 tick: the newer chart
    expect(log).toHaveBeenCalledTimes(1);
    log.mockRestore();
  });
});

describe("inside a tslab kernel", () => {
  const kernel = fakeKernel();
  const sent = kernel.sent;
  const enterKernel = () => kernel.enter();
  afterEach(() => kernel.leave());

  it("show sends ONE display_data carrying all three MIME types, and writes no file", async () => {
    enterKernel();
    const result = await show(marked, { dir: join(tmpdir(), "never-written") });
    expect(result).toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(sent[0].update).toBeFalsy();
    expect(Object.keys(sent[0].content.data).sort()).toEqual(["application/vnd.vegalite.v5+json", "image/png", "text/plain"]);
    expect(sent[0].content.data[vegaLiteMime]).toEqual(marked);
  });

  it("a live chart displays once, then updates the same display in order", async () => {
    enterKernel();
    const live = liveChart();
    const updates = [1, 2, 3].map((n) => live.update(lossChart({ train: Array.from({ length: n }, (_, i) => 1 / (i + 1)) })));
    await Promise.all(updates);
    expect(sent.slice(0, 3).map((s) => Boolean(s.update))).toEqual([false, true, true]);
    const ids = new Set(sent.map((s) => s.content.transient.display_id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f]{16}$/);
    await expect(live.update({} as never)).rejects.toThrow(); // a bad spec fails its own update only
    await live.update(lossChart({ train: [1, 0.5, 0.3, 0.2] }));
    const lengths = sent.map((s) => ((s.content.data[vegaLiteMime] as { data: { values: unknown[] } }).data.values.length));
    expect(lengths).toEqual([1, 2, 3, 4]);
  });
});
