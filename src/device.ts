/**
 * Choosing where tensors live, like PyTorch's `device = "cuda" if torch.cuda.is_available() else
 * "cpu"`.
 *
 * `await useDevice()` tries, in order: TensorFlow's C library on an NVIDIA GPU (package
 * tfjs-node-gpu, reported as `cuda`), TensorFlow's C library on the CPU (tfjs-node), WebAssembly
 * (`wasm`, shipped with the course), and plain JavaScript (`cpu`).
 * `COURSE_BACKEND=cpu|wasm|webgpu|tensorflow` (or `useDevice("wasm")`) forces one; a forced backend
 * that cannot start is an error, never a silent fallback. The choice is made once per process:
 * later calls return the same answer at once.
 */
import { inspect } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { ArgumentError } from "./errors";
import { fastPath } from "./fast-path";
import { recurrentLayersOn } from "./nn/recurrent";

export const backendNames = ["cpu", "wasm", "webgpu", "tensorflow"] as const;
/** A tfjs backend the course can run on (`tf.getBackend()`). */
export type BackendName = (typeof backendNames)[number];

/**
 * The chosen device, with the reasons for the choice and where recurrent layers run. Prints as one
 * line.
 */
export class Device {
  constructor(
    /**
     * "cuda" (TensorFlow on an NVIDIA GPU), "tensorflow" (TensorFlow on the CPU), "webgpu", "wasm"
     * or "cpu".
     */
    readonly name: "cuda" | BackendName,
    /** The tfjs backend running the tensors. */
    readonly backend: BackendName,
    /** What was tried and what was found, in order. */
    readonly reasons: string[],
  ) {}

  /** Which kernel runs recurrent layers here, and where: it follows setRecurrentKernel. */
  get recurrentLayers(): string {
    return recurrentLayersOn(this.backend, this.name === "cuda" || this.name === "webgpu");
  }

  toString(): string {
    return `device: ${this.name} (${this.reasons.join("; ")}); recurrent layers: ${this.recurrentLayers}`;
  }

  /** A notebook cell ending in `device` (or console.log(device)) prints the summary line. */
  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * How each backend is started. Each loader loads its package, makes it the active tfjs backend and
 * resolves with what it found, or throws an Error whose message says why not (e.g. "tfjs-node not
 * installed").
 */
export interface BackendLoaders {
  tensorflowGpu(): Promise<{ cuda: boolean }>;
  tensorflowCpu(): Promise<void>;
  wasm(): Promise<{ simd: boolean }>;
  /**
   * `adapter`: the GPU WebGPU found, in words (a software one, such as Mesa's lavapipe, says so).
   */
  webgpu(): Promise<{ adapter: string }>;
  cpu(): Promise<void>;
}

/**
 * The pure decision: which backend to start, given a forced name (or undefined) and the loaders.
 */
export async function chooseDevice(
  forced: string | undefined,
  loaders: BackendLoaders,
  forcedBy = "COURSE_BACKEND",
): Promise<Device> {
  if (forced === undefined) return firstThatStarts(loaders);
  if (!(backendNames as readonly string[]).includes(forced)) {
    throw new ArgumentError(
      forcedBy,
      `one of ${backendNames.join(", ")} (or unset, to let the course choose)`,
      forced,
    );
  }
  const reasons = [`forced by ${forcedBy}=${forced}`];
  try {
    switch (forced as BackendName) {
      case "tensorflow":
        return (await tensorflow(loaders, reasons)) ?? fail(reasons.slice(1).join("; "));
      case "wasm":
        return await wasm(loaders, reasons);
      case "webgpu":
        return new Device("webgpu", "webgpu", [
          ...reasons,
          `adapter: ${(await loaders.webgpu()).adapter}`,
        ]);
      case "cpu":
        await loaders.cpu();
        return new Device("cpu", "cpu", reasons);
    }
  } catch (error) {
    const reason = reasonOf(error);
    const install = /not installed|failed to load/.test(reason)
      ? (installHints[forced as BackendName] ?? "")
      : "";
    const hint = `${reason}${install}; unset ${forcedBy} to let the course choose`;
    throw new ArgumentError(forcedBy, "a backend that can start on this machine", forced, hint);
  }
}

/**
 * tfjs-node-gpu (cuda, or TensorFlow on the CPU if it sees no GPU), else tfjs-node, else wasm, else
 * cpu.
 */
async function firstThatStarts(loaders: BackendLoaders): Promise<Device> {
  const reasons: string[] = [];
  const native = await tensorflow(loaders, reasons);
  if (native) return native;
  try {
    return await wasm(loaders, reasons);
  } catch (error) {
    reasons.push(reasonOf(error));
  }
  await loaders.cpu();
  return new Device("cpu", "cpu", [...reasons, "plain JavaScript"]);
}

/**
 * TensorFlow's C library: tfjs-node-gpu, else tfjs-node; undefined (with the reasons pushed) if
 * neither starts.
 */
async function tensorflow(loaders: BackendLoaders, reasons: string[]): Promise<Device | undefined> {
  try {
    const { cuda } = await loaders.tensorflowGpu();
    // tfjs-node-gpu without a usable GPU still runs TensorFlow, on the CPU; tfjs-node cannot load
    // beside it.
    if (cuda)
      return new Device("cuda", "tensorflow", [...reasons, "tfjs-node-gpu sees a CUDA GPU"]);
    return new Device("tensorflow", "tensorflow", [
      ...reasons,
      "tfjs-node-gpu loaded but sees no CUDA GPU (it needs CUDA 11.2 and cuDNN 8.1), so TensorFlow runs on the CPU",
    ]);
  } catch (error) {
    reasons.push(reasonOf(error));
  }
  try {
    await loaders.tensorflowCpu();
    return new Device("tensorflow", "tensorflow", [...reasons, "tfjs-node: TensorFlow on the CPU"]);
  } catch (error) {
    reasons.push(reasonOf(error));
  }
  return undefined;
}

async function wasm(loaders: BackendLoaders, reasons: string[]): Promise<Device> {
  const { simd } = await loaders.wasm();
  return new Device("wasm", "wasm", [
    ...reasons,
    simd ? "wasm SIMD available" : "wasm without SIMD (slower)",
  ]);
}

const installHints: Partial<Record<BackendName, string>> = {
  tensorflow:
    " (npm install @tensorflow/tfjs-node, or @tensorflow/tfjs-node-gpu with CUDA 11.2 and cuDNN 8.1)",
  webgpu: " (WebGPU in Node comes from the optional package webgpu, Dawn: npm install webgpu)",
};

function fail(reason: string): never {
  throw new Error(reason);
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Loaders for this Node process. Optional packages are looked up first, so a missing one is a
 * reason, not a crash.
 */
export const nodeLoaders: BackendLoaders = {
  async tensorflowGpu() {
    optionalRequire("@tensorflow/tfjs-node-gpu", "tfjs-node-gpu", () =>
      require("@tensorflow/tfjs-node-gpu"),
    );
    await activate("tensorflow");
    return { cuda: (tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice === true };
  },
  async tensorflowCpu() {
    optionalRequire("@tensorflow/tfjs-node", "tfjs-node", () => require("@tensorflow/tfjs-node"));
    await activate("tensorflow");
  },
  async wasm() {
    // In Node the wasm backend finds its .wasm files next to its own script: no setWasmPaths
    // needed.
    optionalRequire("@tensorflow/tfjs-backend-wasm", "tfjs-backend-wasm", () =>
      require("@tensorflow/tfjs-backend-wasm"),
    );
    await activate("wasm");
    return { simd: (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) === true };
  },
  async webgpu() {
    // tfjs-backend-webgpu registers itself only if navigator.gpu exists when it is first loaded;
    // Node has no WebGPU of its own, so the `webgpu` package (Google's Dawn, an optional
    // dependency) provides it.
    const global = globalThis as { navigator?: { gpu?: GPU } };
    if (!global.navigator?.gpu) {
      const dawn = optionalRequire("webgpu", "webgpu", () => require("webgpu")) as {
        create(flags: string[]): GPU;
        globals: object;
      };
      fastPath.captureDawnTicks(); // before Dawn starts: lets dataSync() wait for the GPU
      Object.assign(globalThis, dawn.globals);
      const gpu = dawn.create([]);
      if (global.navigator)
        Object.defineProperty(global.navigator, "gpu", { value: gpu, configurable: true });
      else global.navigator = { gpu };
    }
    const adapter = await global.navigator!.gpu!.requestAdapter({
      powerPreference: "high-performance",
    });
    if (!adapter) {
      throw new Error(
        "webgpu found no GPU adapter (it needs a Vulkan, Metal or Direct3D 12 driver; " +
          "on Linux without a GPU, Mesa's lavapipe from version 25 provides one)",
      );
    }
    optionalRequire("@tensorflow/tfjs-backend-webgpu", "tfjs-backend-webgpu", () =>
      require("@tensorflow/tfjs-backend-webgpu"),
    );
    await activate("webgpu");
    fastPath.enableReadSync(tf.backend());
    return { adapter: adapterName((adapter as unknown as { info: AdapterInfo }).info) };
  },
  async cpu() {
    await activate("cpu");
  },
};

/**
 * Makes a memoised `useDevice` over `loaders`: the first call chooses, later calls return the same
 * Device (a later call forcing a different backend is an error: the backend can change only with a
 * fresh process).
 */
export function deviceSelector(
  loaders: BackendLoaders,
): (backend?: BackendName) => Promise<Device> {
  let first: { forced: string | undefined; device: Promise<Device> } | undefined;
  return async (backend) => {
    const forcedBy = backend ? "useDevice(backend)" : "COURSE_BACKEND";
    const forced = backend ?? (process.env.COURSE_BACKEND || undefined);
    if (!first) {
      const attempt = { forced, device: chooseDevice(forced, loaders, forcedBy) };
      first = attempt;
      // A failed choice is not remembered: fix the environment and call again.
      attempt.device.catch(() => first === attempt && (first = undefined));
    }
    const device = await first.device;
    if (forced !== undefined && forced !== device.backend) {
      throw new ArgumentError(
        forcedBy,
        `"${device.backend}", the backend this process already chose (${device})`,
        forced,
        "restart the kernel (or process) to change the backend",
      );
    }
    return device;
  };
}

/**
 * Picks where tensors run and says why: `const device = await useDevice(); device` prints e.g.
 * `device: wasm (tfjs-node-gpu not installed; tfjs-node not installed; wasm SIMD available);
 * recurrent layers: the WebAssembly kernel, on the CPU`.
 */
export const useDevice = deviceSelector(nodeLoaders);

/** What WebGPU says about an adapter (GPUAdapterInfo). */
interface AdapterInfo {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter?: boolean;
}

/**
 * e.g. "NVIDIA H100 80GB HBM3", or "llvmpipe: Mesa 25.0.7 (LLVM 15.0.6), software: runs on the
 * CPU".
 */
export function adapterName(info: AdapterInfo): string {
  const name =
    info.description ||
    [info.vendor, info.architecture].filter(Boolean).join(" ") ||
    "unnamed adapter";
  return info.isFallbackAdapter || info.architecture === "software"
    ? `${name}, software: runs on the CPU`
    : name;
}

/**
 * Loads an optional package: `load` is `() => require("<pkg>")`, its name written out so that a
 * bundler sees it. A missing package is a reason ("not installed"), a broken one too ("failed to
 * load"), never a crash.
 */
function optionalRequire(pkg: string, short: string, load: () => unknown): unknown {
  try {
    return load();
  } catch (error) {
    const missing =
      (error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" &&
      reasonOf(error).includes(`'${pkg}'`);
    throw new Error(
      missing
        ? `${short} not installed`
        : `${short} failed to load (${reasonOf(error).split("\n")[0]})`,
    );
  }
}

async function activate(backend: BackendName): Promise<void> {
  if (!(await tf.setBackend(backend))) throw new Error(`the ${backend} backend failed to start`);
  await tf.ready();
}
