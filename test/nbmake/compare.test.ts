import { describe, expect, it } from "vitest";
import { compareOutputs, loadConfig, sanitize, DEFAULT_CONFIG, type Config } from "../../tools/nbmake-ts/src";
import { repo } from "./project";

const config = loadConfig(repo);
const strict: Config = { ...DEFAULT_CONFIG, tolerance: { relative: 1e-3, absolute: 0 } };
const stdout = (text: string | string[]) => ({ output_type: "stream", name: "stdout", text });
const chart = (values: object[], svg: string) => ({
  output_type: "display_data",
  metadata: {},
  data: { "application/vnd.vegalite.v5+json": { mark: "line", data: { values }, encoding: { x: { field: "x" } } }, "image/svg+xml": svg },
});

describe("compareOutputs", () => {
  it("numbers in text match within the relative tolerance, not beyond", () => {
    expect(compareOutputs([stdout("loss 1.0000\n")], [stdout("loss 1.0009\n")], strict)).toBeUndefined();
    expect(compareOutputs([stdout("loss 1.0000\n")], [stdout("loss 1.0011\n")], strict)).toBe('stdout stream line 1: expected "loss 1.0000", got "loss 1.0011"');
  });

  it("words must match exactly, and so must the number of outputs", () => {
    expect(compareOutputs([stdout("loss 1\n")], [stdout("lost 1\n")], strict)).toContain("line 1");
    expect(compareOutputs([stdout("a\n")], [], strict)).toBe("expected outputs [stdout stream], got []");
  });

  it("stream chunks stored as lines or split messages compare as one text", () => {
    expect(compareOutputs([stdout(["a\n", "b\n"])], [stdout("a\n"), stdout("b\n")], strict)).toBeUndefined();
  });

  it("charts compare by their vega-lite spec; the SVG rendering is ignored", () => {
    const stored = chart([{ x: 1, y: 0.5 }], "<svg>old</svg>");
    expect(compareOutputs([stored], [chart([{ x: 1, y: 0.50001 }], "<svg>new</svg>")], strict)).toBeUndefined();
    expect(compareOutputs([stored], [chart([{ x: 1, y: 0.6 }], "<svg>old</svg>")], strict)).toBe(
      "application/vnd.vegalite.v5+json.data.values[0].y: expected 0.5, got 0.6",
    );
  });

  it("the project's sanitiser rules remove timings, dates and paths before comparing", () => {
    const stored = [stdout("epoch 1 took 35 ms at 2026-01-02T03:04:05.678Z in /home/a/course/x.ts\n")];
    const fresh = [stdout("epoch 1 took 2.5 s at 2026-11-25T18:00:00.000Z in /builds/ci/course/x.ts\n")];
    expect(compareOutputs(stored, fresh, config)).toBeUndefined();
    expect(sanitize("epoch 1 took 35 ms", config.sanitize)).toBe("epoch 1 took <duration>");
  });

  it("a stream left empty by the sanitiser (a tfjs banner on stderr) counts as no output", () => {
    const banner = "============================\nHi, looks like you are running TensorFlow.js in Node.js. To speed things up dramatically, install our node backend.\n============================\n";
    expect(compareOutputs([stdout("1\n")], [{ output_type: "stream", name: "stderr", text: banner }, stdout("1\n")], config)).toBeUndefined();
  });
});
