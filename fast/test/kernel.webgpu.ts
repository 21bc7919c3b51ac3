/**
 * The fused WebGPU kernel (fast/src/webgpu/), on tfjs's webgpu backend: that it is what runs, that no value
 * leaves the GPU inside a training step, that it computes what the readable BPTT of src/nn/bptt.ts computes (every
 * cell, several shapes), and that nothing leaks. PyTorch parity: test/torch-parity.test.ts (run by the same
 * `npm run test:webgpu`). Sizes stay small: on Mesa's lavapipe the GPU is emulated on the CPU.
 */
import * as tf from "@tensorflow/tfjs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { readableKernel } from "../../src/nn/bptt";
import { CellKind, Dims, GATES } from "rnn-course-contract";
import { Device, useDevice } from "../../src/device";
import { fastKernel, readAll, webgpuKernel } from "rnn-course-fast";
import { WARN_AFTER_READS } from "../src/webgpu/read-sync";
import { Adam } from "../../src/nn/optim";
import { GRU, LSTM, RNN } from "../../src/nn/rnn";
import { Linear } from "../../src/nn/linear";
import { mseLoss } from "../../src/nn/functional";
import { recurrentLayer, setRecurrentKernel } from "../../src/nn/recurrent";
import { seed, uniformArray } from "../../src/seed";

let device: Device;
beforeAll(async () => {
  device = await useDevice("webgpu");
});

/** max |a - b| / max |b| (0 when both are zero). */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return scale === 0 ? worst : worst / scale;
}

describe("on the webgpu backend", () => {
  it("the device report names the adapter and the fused kernel", () => {
    expect(device.backend).toBe("webgpu");
    expect(String(device)).toMatch(/^device: webgpu \(forced by useDevice\(backend\)=webgpu; adapter: .+\); recurrent layers: the fused WebGPU kernel, beside the tensors$/);
  });

  it("a training step runs the fused kernel for every layer, no other kernel, and reads nothing back from the GPU", () => {
    seed(0);
    const lstm = new LSTM({ inputSize: 2, hiddenSize: 8, numLayers: 2 });
    const head = new Linear(8, 1);
    const [x, y] = [tf.randomNormal([4, 6, 2]), tf.randomNormal([4, 6, 1])];
    const backend = tf.backend();
    const spies = {
      forward: vi.spyOn(webgpuKernel, "forward"), backward: vi.spyOn(webgpuKernel, "backward"),
      fast: vi.spyOn(fastKernel, "forward"), readable: vi.spyOn(readableKernel, "forward"),
      readSync: vi.spyOn(backend, "readSync"), read: vi.spyOn(backend, "read"),
    };
    const { value, grads } = tf.variableGrads(() => mseLoss(head.forward(lstm.forward(x).output), y), [...lstm.parameters(), ...head.parameters()]);
    expect([spies.forward.mock.calls.length, spies.backward.mock.calls.length]).toEqual([2, 2]);
    expect([spies.fast.mock.calls.length, spies.readable.mock.calls.length]).toEqual([0, 0]);
    expect([spies.readSync.mock.calls.length, spies.read.mock.calls.length]).toEqual([0, 0]);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    expect(Object.keys(grads)).toHaveLength(10);
    vi.restoreAllMocks();
  });

  it("readAll reads several tensors with one copy and one wait, and gives what dataSync gives", () => {
    const tensors = [tf.square(tf.range(0, 5)), tf.add(tf.ones([2, 3]), 1), tf.neg(tf.tensor([7.5]))];
    const backend = tf.backend() as unknown as { submitQueue(): void };
    const [readSync, submit] = [vi.spyOn(tf.backend(), "readSync"), vi.spyOn(backend, "submitQueue")];
    const values = readAll(tensors);
    expect([readSync.mock.calls.length, submit.mock.calls.length]).toEqual([0, 1]);
    vi.restoreAllMocks();
    expect(values.map((v) => Array.from(v as Float32Array))).toEqual([[0, 1, 4, 9, 16], [2, 2, 2, 2, 2, 2], [-7.5]]);
  });

  it("warns once when a synchronous loop keeps reading without letting Dawn free anything", async () => {
    await new Promise(setImmediate); // a fresh count
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const x = tf.variable(tf.ones([1024])); // big enough that tfjs runs the adds on the GPU, not its CPU shortcut
    for (let i = 0; i < WARN_AFTER_READS + 10; i++) tf.tidy(() => tf.add(x, i).dataSync());
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringMatching(/^webgpu: 500 reads from the GPU without Node's event loop running.*await new Promise\(setImmediate\)/)]);
    vi.restoreAllMocks();
    x.dispose();
  });

  it("dataSync works (Node has no OffscreenCanvas, which tfjs's own synchronous read needs)", () => {
    const t = tf.square(tf.tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [3, 4]));
    expect(tf.getBackend()).toBe("webgpu");
    expect(Array.from(t.dataSync())).toEqual([1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144]);
  });
});

/** Random weights and inputs for one layer, as arrays. */
function layerCase(kind: CellKind, dims: Dims) {
  const { batch: B, steps: T, input: I, hidden: H } = dims;
  const GH = GATES[kind] * H;
  const bound = 1 / Math.sqrt(H);
  return {
    x: uniformArray(B * T * I, 1), h0: uniformArray(B * H, 0.5), c0: kind === "lstm" ? uniformArray(B * H, 0.5) : null,
    w: { wIh: uniformArray(GH * I, bound), wHh: uniformArray(GH * H, bound), bIh: uniformArray(GH, bound), bHh: uniformArray(GH, bound) },
    dOutput: uniformArray(B * T * H, 1), dhN: uniformArray(B * H, 1), dcN: kind === "lstm" ? uniformArray(B * H, 1) : null,
  };
}

const f64 = (a: Float32Array) => Float64Array.from(a);

describe("the fused kernel computes what the readable BPTT computes", () => {
  const shapes: [string, Dims][] = [
    ["a batch of sequences", { batch: 3, steps: 7, input: 2, hidden: 5 }],
    ["one step", { batch: 2, steps: 1, input: 3, hidden: 4 }],
    ["more hidden units than a workgroup has threads (256)", { batch: 2, steps: 2, input: 1, hidden: 260 }],
  ];
  const kinds: CellKind[] = ["rnn_tanh", "rnn_relu", "lstm", "gru"];

  it.each(kinds.flatMap((kind) => shapes.map(([what, dims]) => [kind, what, dims] as const)))(
    "%s, %s: outputs, final states, every gradient and ‖∂L/∂h_t‖ within 1e-4", (kind, _, dims) => {
      seed(1);
      const c = layerCase(kind, dims);
      const { batch: B, steps: T, input: I, hidden: H } = dims;
      const GH = GATES[kind] * H;
      // Reference: the readable kernel in float64 on the CPU.
      const w64 = { wIh: f64(c.w.wIh), wHh: f64(c.w.wHh), bIh: f64(c.w.bIh), bHh: f64(c.w.bHh) };
      const fwd = readableKernel.forward(kind, dims, f64(c.x), f64(c.h0), c.c0 && f64(c.c0), w64);
      const ref = readableKernel.backward(kind, dims, w64, f64(c.x), fwd, f64(c.dOutput), f64(c.dhN), c.dcN && f64(c.dcN));

      const inputs = {
        x: tf.tensor3d(c.x, [B, T, I]), h0: tf.tensor2d(c.h0, [B, H]), c0: c.c0 ? tf.tensor2d(c.c0, [B, H]) : null,
        wIh: tf.tensor2d(c.w.wIh, [GH, I]), wHh: tf.tensor2d(c.w.wHh, [GH, H]), bIh: tf.tensor1d(c.w.bIh), bHh: tf.tensor1d(c.w.bHh),
      };
      let norms: Float32Array | null = null;
      let result: tf.Tensor[] = [];
      const loss = (x: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor | null, wIh: tf.Tensor, wHh: tf.Tensor, bIh: tf.Tensor, bHh: tf.Tensor) => {
        const r = recurrentLayer(kind, dims, x as tf.Tensor3D, h0 as tf.Tensor2D, c0 as tf.Tensor2D | null,
          { wIh: wIh as tf.Tensor2D, wHh: wHh as tf.Tensor2D, bIh: bIh as tf.Tensor1D, bHh: bHh as tf.Tensor1D }, (n) => (norms = n.read()));
        result = [tf.keep(r.output), tf.keep(r.h), ...(r.c ? [tf.keep(r.c)] : [])];
        const terms = [tf.sum(tf.mul(r.output, tf.tensor3d(c.dOutput, [B, T, H]))), tf.sum(tf.mul(r.h, tf.tensor2d(c.dhN, [B, H])))];
        if (r.c) terms.push(tf.sum(tf.mul(r.c, tf.tensor2d(c.dcN!, [B, H]))));
        return tf.addN(terms) as tf.Scalar;
      };
      const xs = [inputs.x, inputs.h0, ...(inputs.c0 ? [inputs.c0] : []), inputs.wIh, inputs.wHh, inputs.bIh, inputs.bHh];
      const grads = tf.grads((...t: tf.Tensor[]) => kind === "lstm" ? loss(t[0], t[1], t[2], t[3], t[4], t[5], t[6]) : loss(t[0], t[1], null, t[2], t[3], t[4], t[5]))(xs);
      const names = ["x", "h0", ...(kind === "lstm" ? ["c0"] : []), "wIh", "wHh", "bIh", "bHh"];
      const d = Object.fromEntries(names.map((name, i) => [name, grads[i].dataSync()]));

      const checks: [string, ArrayLike<number>, ArrayLike<number>][] = [
        ["output", result[0].dataSync(), fwd.output], ["h_N", result[1].dataSync(), fwd.hN],
        ["dx", d.x, ref.dx], ["dh0", d.h0, ref.dh0], ["dW_ih", d.wIh, ref.dWIh], ["dW_hh", d.wHh, ref.dWHh],
        ["db_ih", d.bIh, ref.dBIh], ["db_hh", d.bHh, ref.dBHh], ["‖∂L/∂h_t‖", norms!, ref.hiddenGradNorms],
      ];
      if (kind === "lstm") checks.push(["c_N", result[2].dataSync(), fwd.cN!], ["dc0", d.c0, ref.dc0!]);
      const errors = Object.fromEntries(checks.map(([name, a, e]) => [name, relativeError(a, e)]));
      for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThan(1e-4);
      tf.dispose([...result, ...grads, ...xs]);
    });
});

describe("stacks, leaks and errors", () => {
  it("a stack of six layers (more than the four traces kept on the GPU) backpropagates: evicted forwards are run again", () => {
    seed(2);
    const gru = new GRU({ inputSize: 1, hiddenSize: 6, numLayers: 6 });
    const x = tf.randomNormal([3, 5, 1]);
    const gradients = (kernel: string) => {
      setRecurrentKernel(kernel);
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(gru.forward(x).output)) as tf.Scalar, gru.parameters());
      return gru.parameters().map((p) => grads[p.name].dataSync());
    };
    const onGpu = gradients("webgpu");
    const onCpu = gradients("readable"); // the readable kernel, fed from the GPU through synchronous reads
    setRecurrentKernel("auto");
    onGpu.forEach((g, i) => expect(relativeError(g, onCpu[i])).toBeLessThan(1e-4));
  });

  it("training leaks nothing: tensors and GPU memory stay flat from step to step", () => {
    seed(3);
    const rnn = new RNN({ inputSize: 1, hiddenSize: 8 });
    const head = new Linear(8, 1);
    const optimizer = new Adam([...rnn.parameters(), ...head.parameters()], { lr: 0.01 });
    const [x, y] = [tf.randomNormal([4, 10, 1]), tf.randomNormal([4, 10, 1])];
    const step = () =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => mseLoss(head.forward(rnn.forward(x).output), y), optimizer.parameters);
        optimizer.step(grads);
        return value.dataSync()[0];
      });
    const losses = [step(), step()];
    const before = { ...tf.memory() } as tf.MemoryInfo & { numBytesInGPU: number };
    for (let i = 0; i < 10; i++) losses.push(step());
    const after = tf.memory() as tf.MemoryInfo & { numBytesInGPU: number };
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytesInGPU).toBe(before.numBytesInGPU);
    expect(losses[11]).toBeLessThan(losses[0]);
  });

  it("a layer too big for the GPU's workgroup memory is a clear error that names the way out", () => {
    const limit = (tf.backend() as unknown as { device: GPUDevice }).device.limits.maxComputeWorkgroupStorageSize;
    const hidden = Math.ceil(limit / 40) + 1; // an LSTM needs 40·H bytes in its backward dispatch
    const lstm = new LSTM({ inputSize: 1, hiddenSize: hidden });
    expect(() => lstm.forward(tf.zeros([1, 2, 1]))).toThrow(
      new RegExp(`^hidden size: expected at most what fits this GPU's ${limit} bytes of workgroup memory, received ${hidden}\\..*setRecurrentKernel\\("fast"\\)`));
    lstm.dispose();
  });
});

describe("without an adapter", () => {
  it("useDevice says why webgpu cannot start (here: a Vulkan loader that finds no driver)", () => {
    const script = `require("tsx/cjs"); require(${JSON.stringify(join(__dirname, "..", "..", "src", "device.ts"))})` +
      `.useDevice("webgpu").then(() => console.log("started"), (e) => console.log(e.message));`;
    const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, VK_ICD_FILENAMES: "/nonexistent.json" }, timeout: 60_000 });
    expect(run.stdout).toContain('received "webgpu". webgpu found no GPU adapter (it needs a Vulkan, Metal or Direct3D 12 driver');
  });
});
