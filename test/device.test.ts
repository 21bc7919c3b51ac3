import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { BackendLoaders, adapterName, chooseDevice, deviceSelector, nodeLoaders, useDevice } from "../src/device";
import { ArgumentError } from "../src/errors";
import { setRecurrentKernel } from "../src/nn/recurrent";

type Outcome = { cuda: boolean } | { simd: boolean } | { adapter: string } | undefined | Error;

/** Loaders that report what a machine would have, and record which were tried. */
function machine(has: Partial<Record<keyof BackendLoaders, Outcome>>) {
  const tried: string[] = [];
  const loader = (name: keyof BackendLoaders) => async () => {
    tried.push(name);
    const outcome = name in has ? has[name] : new Error(`${name} not installed`);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  const loaders = {
    tensorflowGpu: loader("tensorflowGpu"), tensorflowCpu: loader("tensorflowCpu"), wasm: loader("wasm"),
    webgpu: loader("webgpu"), cpu: loader("cpu"),
  } as unknown as BackendLoaders;
  return { loaders, tried };
}

const laptop = { tensorflowGpu: new Error("tfjs-node-gpu not installed"), tensorflowCpu: new Error("tfjs-node not installed"), wasm: { simd: true }, cpu: undefined };

describe("chooseDevice: the automatic order", () => {
  it("takes tfjs-node-gpu when it sees a CUDA GPU, and tries nothing else", async () => {
    const { loaders, tried } = machine({ tensorflowGpu: { cuda: true } });
    const device = await chooseDevice(undefined, loaders);
    expect([device.name, device.backend]).toEqual(["cuda", "tensorflow"]);
    expect(String(device)).toBe("device: cuda (tfjs-node-gpu sees a CUDA GPU); recurrent layers: the WebAssembly kernel, on the CPU " +
      "(each layer copies its tensors off the GPU and back)");
    expect(tried).toEqual(["tensorflowGpu"]);
  });

  it("keeps tfjs-node-gpu on the CPU when it finds no GPU (tfjs-node cannot load beside it)", async () => {
    const { loaders, tried } = machine({ tensorflowGpu: { cuda: false }, tensorflowCpu: undefined });
    const device = await chooseDevice(undefined, loaders);
    expect([device.name, device.backend]).toEqual(["tensorflow", "tensorflow"]);
    expect(device.reasons[0]).toMatch(/sees no CUDA GPU/);
    expect(tried).toEqual(["tensorflowGpu"]);
  });

  it("falls back to tfjs-node, then wasm, then cpu, saying why at each step", async () => {
    const node = await chooseDevice(undefined, machine({ ...laptop, tensorflowCpu: undefined }).loaders);
    expect([node.name, node.reasons]).toEqual(["tensorflow", ["tfjs-node-gpu not installed", "tfjs-node: TensorFlow on the CPU"]]);

    const { loaders, tried } = machine(laptop);
    const wasm = await chooseDevice(undefined, loaders);
    expect(String(wasm)).toBe("device: wasm (tfjs-node-gpu not installed; tfjs-node not installed; wasm SIMD available); " +
      "recurrent layers: the WebAssembly kernel, on the CPU");
    expect(tried).toEqual(["tensorflowGpu", "tensorflowCpu", "wasm"]);

    const cpu = await chooseDevice(undefined, machine({ ...laptop, wasm: new Error("the wasm backend failed to start") }).loaders);
    expect(String(cpu)).toBe("device: cpu (tfjs-node-gpu not installed; tfjs-node not installed; the wasm backend failed to start; plain JavaScript); " +
      "recurrent layers: the WebAssembly kernel, on the CPU");
  });

  it("never picks webgpu on its own (it is slower than wasm for these models)", async () => {
    const { loaders, tried } = machine({ ...laptop, webgpu: undefined });
    expect((await chooseDevice(undefined, loaders)).name).toBe("wasm");
    expect(tried).not.toContain("webgpu");
  });
});

describe("chooseDevice: COURSE_BACKEND forces one", () => {
  it("starts only the forced backend", async () => {
    const { loaders, tried } = machine({ tensorflowGpu: { cuda: true }, cpu: undefined });
    expect(String(await chooseDevice("cpu", loaders))).toBe("device: cpu (forced by COURSE_BACKEND=cpu); recurrent layers: the WebAssembly kernel, on the CPU");
    expect(tried).toEqual(["cpu"]);
  });

  it("forcing tensorflow takes the GPU package first, then the CPU one", async () => {
    expect((await chooseDevice("tensorflow", machine({ tensorflowGpu: { cuda: true } }).loaders)).name).toBe("cuda");
    const cpuOnly = await chooseDevice("tensorflow", machine({ tensorflowCpu: undefined }).loaders);
    expect(String(cpuOnly)).toBe("device: tensorflow (forced by COURSE_BACKEND=tensorflow; tensorflowGpu not installed; tfjs-node: TensorFlow on the CPU); " +
      "recurrent layers: the WebAssembly kernel, on the CPU");
  });

  it("a forced backend that cannot start is a clear error, not a silent fallback", async () => {
    const { loaders, tried } = machine(laptop);
    const error = await chooseDevice("tensorflow", loaders).catch((e) => e);
    expect(error).toBeInstanceOf(ArgumentError);
    expect(error.message).toMatch(/^COURSE_BACKEND: expected a backend that can start on this machine, received "tensorflow"/);
    expect(error.message).toMatch(/tfjs-node-gpu not installed; tfjs-node not installed/);
    expect(error.message).toMatch(/npm install @tensorflow\/tfjs-node/);
    expect(tried).toEqual(["tensorflowGpu", "tensorflowCpu"]);

    const webgpu = await chooseDevice("webgpu", machine({ webgpu: new Error("webgpu not installed") }).loaders).catch((e) => e);
    expect(webgpu.message).toMatch(/webgpu not installed \(WebGPU in Node comes from the optional package webgpu, Dawn: npm install webgpu\); unset COURSE_BACKEND/);
  });

  it("an unknown name lists the valid ones", async () => {
    await expect(chooseDevice("cuda", machine(laptop).loaders)).rejects.toThrow(
      'COURSE_BACKEND: expected one of cpu, wasm, webgpu, tensorflow (or unset, to let the course choose), received "cuda"');
  });
});

describe("the report says where recurrent layers run", () => {
  const forced = async (backend: string, has: Partial<Record<keyof BackendLoaders, Outcome>>) => chooseDevice(backend, machine(has).loaders);

  it("on CUDA: the CPU kernel, copying each layer's tensors off the GPU and back; setRecurrentKernel changes the report", async () => {
    const device = await chooseDevice(undefined, machine({ tensorflowGpu: { cuda: true } }).loaders);
    expect(device.recurrentLayers).toBe("the WebAssembly kernel, on the CPU (each layer copies its tensors off the GPU and back)");
    setRecurrentKernel("readable");
    expect(device.recurrentLayers).toBe("the readable BPTT of bptt.ts, on the CPU (each layer copies its tensors off the GPU and back)");
    setRecurrentKernel("auto");
  });

  it("on tfjs-node without a GPU: the CPU kernel, with nothing to copy", async () => {
    const device = await chooseDevice(undefined, machine({ tensorflowGpu: { cuda: false } }).loaders);
    expect(String(device)).toMatch(/sees no CUDA GPU .*\); recurrent layers: the WebAssembly kernel, on the CPU$/);
  });

  it("on webgpu: the adapter, and the fused WebGPU kernel (or, when asked for, the CPU kernel with copies)", async () => {
    const device = await forced("webgpu", { webgpu: { adapter: "NVIDIA H100 80GB HBM3" } });
    expect(String(device)).toBe("device: webgpu (forced by COURSE_BACKEND=webgpu; adapter: NVIDIA H100 80GB HBM3); " +
      "recurrent layers: the fused WebGPU kernel, beside the tensors");
    setRecurrentKernel("fast");
    expect(device.recurrentLayers).toBe("the WebAssembly kernel, on the CPU (each layer copies its tensors off the GPU and back)");
    setRecurrentKernel("webgpu");
    expect(device.recurrentLayers).toBe("the fused WebGPU kernel, beside the tensors");
    setRecurrentKernel("auto");
  });

  it("a kernel chosen for another backend is reported as unable to run here", async () => {
    const device = await forced("cpu", { cpu: undefined });
    setRecurrentKernel("webgpu");
    expect(device.recurrentLayers).toBe('"webgpu", which cannot run on cpu (setRecurrentKernel("auto") picks one that can)');
    setRecurrentKernel("auto");
  });

  it("says why webgpu cannot start: Dawn missing, Dawn failing to load, no adapter", async () => {
    for (const reason of ["webgpu not installed", "webgpu failed to load (libvulkan.so.1: cannot open shared object file)"]) {
      const error = await forced("webgpu", { webgpu: new Error(reason) }).catch((e) => e);
      expect(error).toBeInstanceOf(ArgumentError);
      expect(error.message).toContain(`received "webgpu". ${reason} (WebGPU in Node comes from the optional package webgpu, Dawn: npm install webgpu)`);
    }
    const noAdapter = "webgpu found no GPU adapter (it needs a Vulkan, Metal or Direct3D 12 driver)";
    const error = await forced("webgpu", { webgpu: new Error(noAdapter) }).catch((e) => e);
    expect(error.message).toContain(`received "webgpu". ${noAdapter}; unset COURSE_BACKEND to let the course choose`);
  });

  it("names the adapter, and says when it is a software one that runs on the CPU", () => {
    const lavapipe = { vendor: "mesa", architecture: "software", description: "llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1", isFallbackAdapter: true };
    expect(adapterName(lavapipe)).toBe("llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1, software: runs on the CPU");
    expect(adapterName({ vendor: "nvidia", architecture: "hopper", description: "NVIDIA H100 80GB HBM3" })).toBe("NVIDIA H100 80GB HBM3");
    expect(adapterName({ vendor: "apple", architecture: "metal-3", description: "" })).toBe("apple metal-3");
  });
});

describe("deviceSelector (useDevice)", () => {
  it("chooses once: later calls return the same device without loading anything", async () => {
    const { loaders, tried } = machine(laptop);
    const use = deviceSelector(loaders);
    const [a, b] = await Promise.all([use(), use()]);
    const c = await use("wasm");
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(tried).toEqual(["tensorflowGpu", "tensorflowCpu", "wasm"]);
  });

  it("refuses to switch backend after choosing", async () => {
    const use = deviceSelector(machine(laptop).loaders);
    await use();
    await expect(use("cpu")).rejects.toThrow(/already chose .*restart the kernel/);
  });

  it("does not remember a failed choice", async () => {
    const has: Partial<Record<keyof BackendLoaders, Outcome>> = { cpu: new Error("the cpu backend failed to start") };
    const use = deviceSelector(machine(has).loaders);
    await expect(use("cpu")).rejects.toThrow(ArgumentError);
    has.cpu = undefined;
    expect((await use("cpu")).name).toBe("cpu");
  });
});

describe("on this machine", () => {
  it("useDevice activates the backend it reports, and prints its summary line", async () => {
    const device = await useDevice();
    expect(tf.getBackend()).toBe(device.backend);
    expect(String(device)).toMatch(/^device: (cuda|tensorflow|wasm|cpu|webgpu) \(.+\); recurrent layers: .+$/);
    const { inspect } = await import("node:util");
    expect(inspect(device)).toBe(String(device));
    expect(await useDevice()).toBe(device);
  });

  it("the wasm loader starts wasm from node_modules without setWasmPaths", async () => {
    const { simd } = await nodeLoaders.wasm();
    expect(tf.getBackend()).toBe("wasm");
    expect(typeof simd).toBe("boolean");
    expect(Array.from(await tf.square(tf.tensor([1, 2, 3])).data())).toEqual([1, 4, 9]);
  });

  it.skipIf(isInstalled("@tensorflow/tfjs-node"))("a package that is not installed is reported as such", async () => {
    await expect(nodeLoaders.tensorflowCpu()).rejects.toThrow("tfjs-node not installed");
  });
});

function isInstalled(pkg: string): boolean {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}
