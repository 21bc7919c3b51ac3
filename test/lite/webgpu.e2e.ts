/**
 * `useDevice("webgpu")` in the site's JupyterLite. Where the page has WebGPU (here Chromium's SwiftShader
 * adapter: WebGPU on the CPU), it starts tfjs's webgpu backend, its line names the adapter and the fused
 * WebGPU kernel for recurrent layers, and tensors computed there read back right (synchronously, as the
 * course's optimisers read them). Without WebGPU the same call is refused with the reason.
 *
 * Training on WebGPU in a page could not be checked here: under SwiftShader, tfjs's own matMul reads back
 * zeros and then loses the device (the fused recurrent kernel, and the readable one, with it), while the same
 * kernels run correctly on Mesa's lavapipe in Node (npm run test:webgpu). No GPU was at hand for a browser.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtSite, inCI, missingPieces, warnIfMissing } from "./built-site";
import { launch, runCells, type LiteBrowser } from "./jupyterlite";
import { serveFolder, type StaticSite } from "./static-server";

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
    [withGpu, withoutGpu] = await Promise.all([
      launch(server.base, { webgpu: true }),
      launch(server.base),
    ]);
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

  it("starts tfjs's webgpu backend, names the adapter and the fused kernel, and reads tensors back", async () => {
    const [gpu, cpu] = await Promise.all([
      run(withGpu, [
        'import * as tf from "@tensorflow/tfjs";\nimport { useDevice, recurrentKernelName } from "rnn-course";\nconsole.log(String(await useDevice("webgpu")));\nconsole.log(recurrentKernelName());\nconsole.log(Array.from(tf.tensor1d([1, 2, 3]).mul(3).add(1).dataSync()));',
      ]),
      run(withoutGpu, [
        'import { useDevice } from "rnn-course";\nconsole.log(String(await useDevice()));',
      ]),
    ]);
    expect(gpu[0]).toMatch(
      /^device: webgpu \(forced by useDevice\(backend\)=webgpu; adapter: .*swiftshader.*\); recurrent layers: the fused WebGPU kernel/,
    );
    expect(gpu[0]).toMatch(/\nwebgpu\n\[ 4, 7, 10 \]\n$/);
    expect(cpu[0]).toMatch(
      /^device: wasm \(the page's default: WebAssembly, SIMD available; this browser has WebGPU but no GPU adapter for it\); recurrent layers: the WebAssembly kernel/,
    );
  });

  it("without WebGPU, refuses useDevice('webgpu') and says why", async () => {
    const [out] = await run(withoutGpu, [
      'import { useDevice } from "rnn-course";\nawait useDevice("webgpu");',
    ]);
    expect(out).toContain(
      'ArgumentError: useDevice(backend): expected a backend that can start on this machine, received "webgpu"',
    );
    expect(out).toMatch(/WebGPU found no GPU adapter|no WebGPU/);
  });
});
