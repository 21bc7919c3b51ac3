/**
 * Choosing where tensors live, in a web page (the browser twin of ../device.ts, whose Device,
 * reasons and memoised choice it reuses; only the loaders differ). The default is WebAssembly, as
 * in Node: the lectures' stored outputs come from the CPU, and at their sizes tfjs on WebGPU
 * launches thousands of tiny kernels per step and is slower (see the README's Train on a GPU); one
 * thread, since a page served without cross-origin isolation cannot share memory with a helper
 * thread. `useDevice("webgpu")` moves everything to the GPU where the browser has WebGPU, recurrent
 * layers to the fused WebGPU kernel; "cpu" is plain JavaScript. There is no TensorFlow C library in
 * a browser.
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError } from "../errors";
import {
  Device,
  adapterName,
  backendNames,
  chooseDevice,
  type BackendLoaders,
  type BackendName,
} from "../device";
import { fastPath } from "../fast-path";
import { assetUrl } from "./assets";

export { Device, backendNames, type BackendLoaders, type BackendName };

const notInBrowser = () =>
  Promise.reject(new Error("TensorFlow's C library (tfjs-node) does not run in a browser"));

export const browserLoaders: BackendLoaders = {
  tensorflowGpu: notInBrowser,
  tensorflowCpu: notInBrowser,
  async wasm() {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    wasm.setWasmPaths(assetUrl("tfjs/"));
    await activate("wasm");
    return { simd: (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) === true };
  },
  async webgpu() {
    const gpu = (
      globalThis as { navigator?: { gpu?: { requestAdapter(options?: object): Promise<unknown> } } }
    ).navigator?.gpu;
    if (!gpu) throw new Error("this browser has no WebGPU (navigator.gpu is missing)");
    const adapter = (await gpu.requestAdapter({ powerPreference: "high-performance" })) as {
      info?: Parameters<typeof adapterName>[0];
    } | null;
    if (!adapter)
      throw new Error(
        "WebGPU found no GPU adapter in this browser (a GPU may be blocked, or WebGPU switched off)",
      );
    await import("@tensorflow/tfjs-backend-webgpu");
    await activate("webgpu");
    fastPath.enableReadSync(tf.backend());
    return { adapter: adapter.info ? adapterName(adapter.info) : "a WebGPU adapter" };
  },
  async cpu() {
    await activate("cpu");
  },
};

let chosen: Promise<Device> | undefined;

/**
 * Picks where tensors run and says why, once per kernel as in Node: `device: wasm (the page's
 * default: WebAssembly, SIMD available; WebGPU available (NVIDIA …): useDevice("webgpu") trains on
 * it); recurrent layers: the WebAssembly kernel, on the CPU`. A forced backend that cannot start is
 * an error, as in Node.
 */
export async function useDevice(backend?: BackendName): Promise<Device> {
  if (!chosen) {
    const attempt =
      backend === undefined
        ? pageDefault()
        : chooseDevice(backend, browserLoaders, "useDevice(backend)");
    chosen = attempt;
    // A failed choice is not remembered: call again.
    attempt.catch(() => chosen === attempt && (chosen = undefined));
  }
  const device = await chosen;
  if (backend !== undefined && backend !== device.backend) {
    throw new ArgumentError(
      "useDevice(backend)",
      `"${device.backend}", the backend this kernel already chose (${device})`,
      backend,
      "restart the kernel to change the backend",
    );
  }
  return device;
}

async function pageDefault(): Promise<Device> {
  const gpu = await webgpuNote();
  try {
    const { simd } = await browserLoaders.wasm();
    return new Device("wasm", "wasm", [
      `the page's default: WebAssembly, ${simd ? "SIMD available" : "without SIMD (slower)"}`,
      gpu,
    ]);
  } catch (error) {
    await browserLoaders.cpu();
    return new Device("cpu", "cpu", [
      `WebAssembly failed to start (${(error as Error).message})`,
      "plain JavaScript",
      gpu,
    ]);
  }
}

/** Whether `useDevice("webgpu")` can work here, in words. */
async function webgpuNote(): Promise<string> {
  const gpu = (
    globalThis as {
      navigator?: {
        gpu?: { requestAdapter(): Promise<{ info?: Parameters<typeof adapterName>[0] } | null> };
      };
    }
  ).navigator?.gpu;
  if (!gpu) return "this browser has no WebGPU";
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return "this browser has WebGPU but no GPU adapter for it";
  return `WebGPU available (${adapter.info ? adapterName(adapter.info) : "an adapter"}): useDevice("webgpu") trains on it`;
}

async function activate(backend: BackendName): Promise<void> {
  if (!(await tf.setBackend(backend))) throw new Error(`the ${backend} backend failed to start`);
  await tf.ready();
}
