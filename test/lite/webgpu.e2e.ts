/**
 * `useDevice("webgpu")` in the site's JupyterLite, where the page has WebGPU (Chromium's SwiftShader adapter:
 * WebGPU on the CPU, slow, for correctness): the device line says so, recurrent layers run the fused WebGPU
 * kernel, and an LSTM's loss and gradients equal those of the default device (WebAssembly) in another kernel,
 * within float32 tolerance. Without WebGPU the same call is refused with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtSite, inCI, missingPieces, warnIfMissing } from "./built-site";
import { launch, runCells, type LiteBrowser } from "./jupyterlite";
import { serveFolder, type StaticSite } from "./static-server";

/** A seeded LSTM with a linear head, one forward and backward pass: the loss and a few gradient values. */
const TRAINING = [
  `import * as tf from "@tensorflow/tfjs";
import { seed, LSTM, Linear, F } from "rnn-course";
seed(3);
const lstm = new LSTM({ inputSize: 2, hiddenSize: 8 });
const head = new Linear(8, 1);
const x = tf.randomNormal([4, 12, 2], 0, 1, "float32", 5);
const y = tf.randomNormal([4, 12, 1], 0, 1, "float32", 6);
const { value, grads } = tf.variableGrads(() => F.mseLoss(head.forward(lstm.forward(x).output), y) as tf.Scalar);
console.log(JSON.stringify([value.dataSync()[0], ...Object.keys(grads).sort().map((k) => Array.from(grads[k].dataSync().slice(0, 4)))]));`,
];

const missing = missingPieces();
warnIfMissing(missing);

it.runIf(inCI())("CI has everything the JupyterLite tests need", () => {
  expect(missing).toEqual([]);
});

describe.skipIf(missing.length > 0)("WebGPU in the browser kernel", () => {
  let site: ReturnType<typeof builtSite>;
  let server: StaticSite;
  let withGpu: LiteBrowser;
  let withoutGpu: LiteBrowser;

  beforeAll(async () => {
    site = builtSite();
    server = await serveFolder(site.folder);
    [withGpu, withoutGpu] = await Promise.all([launch(server.base, { webgpu: true }), launch(server.base)]);
  });

  afterAll(async () => {
    await withGpu?.close();
    await withoutGpu?.close();
    await server?.close();
    site?.dispose();
  });

  async function run(browser: LiteBrowser, cells: string[]): Promise<string[]> {
    const context = await browser.newContext();
    try {
      return (await runCells(await context.newPage(), server.base, cells)).outputs;
    } finally {
      await context.close();
    }
  }

  it("trains on the fused WebGPU kernel, with the numbers of the WebAssembly one", async () => {
    const [gpu, cpu] = await Promise.all([
      run(withGpu, ['import { useDevice, recurrentKernelName } from "rnn-course";\nconsole.log(String(await useDevice("webgpu")));\nconsole.log(recurrentKernelName());', ...TRAINING]),
      run(withoutGpu, ['import { useDevice } from "rnn-course";\nconsole.log(String(await useDevice()));', ...TRAINING]),
    ]);
    expect(gpu[0]).toMatch(/^device: webgpu \(forced by useDevice\(backend\)=webgpu; adapter: .*\); recurrent layers: .*WebGPU/);
    expect(gpu[0]).toMatch(/\nwebgpu\n$/);
    expect(cpu[0]).toMatch(/^device: wasm \(the page's default: WebAssembly, SIMD available; this browser has WebGPU but no GPU adapter for it\); recurrent layers: the WebAssembly kernel/);
    const [onGpu, onCpu] = [JSON.parse(gpu[1]) as (number | number[])[], JSON.parse(cpu[1]) as (number | number[])[]];
    expect(onGpu.flat().length).toBeGreaterThan(10);
    onGpu.flat().forEach((v, i) => expect(v).toBeCloseTo(onCpu.flat()[i] as number, 4));
  });

  it("without WebGPU, refuses useDevice('webgpu') and says why", async () => {
    const [out] = await run(withoutGpu, ['import { useDevice } from "rnn-course";\nawait useDevice("webgpu");']);
    expect(out).toContain("ArgumentError: useDevice(backend): expected a backend that can start on this machine, received \"webgpu\"");
    expect(out).toMatch(/WebGPU found no GPU adapter|no WebGPU/);
  });
});
