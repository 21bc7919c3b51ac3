// The fast kernel on two threads: a big layer's batch is cut in two halves that a helper thread and the
// main thread run at once. Same results to the bit as one thread; the reference kernel agrees.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readableKernel } from "../../src/nn/bptt";
import { CellKind, Dims, GATES, Gradients } from "rnn-course-contract";
import { fastKernel, helperThreadRunning, kernelParts, kernelThreads, setKernelThreads } from "rnn-course-fast";
import { seed, uniformArray } from "../../src/seed";
import { runCommand } from "../../test/run-command";

/** Big enough to be cut in two (kernelParts), odd enough to test the cut: 9 rows split 4 + 5, hidden 125 padded to 128. */
const DIMS: Dims = { batch: 9, steps: 240, input: 3, hidden: 125 };
const KINDS: CellKind[] = ["rnn_tanh", "rnn_relu", "lstm", "gru"];
const GRADIENTS: (keyof Gradients)[] = ["dx", "dh0", "dc0", "dWIh", "dWHh", "dBIh", "dBHh", "hiddenGradNorms"];

function problem(kind: CellKind, dims: Dims) {
  const { batch: B, steps: T, input: I, hidden: H } = dims;
  const GH = GATES[kind] * H;
  const lstm = kind === "lstm";
  const bound = 1 / Math.sqrt(H);
  return {
    x: uniformArray(B * T * I, 1), h0: uniformArray(B * H, 1), c0: lstm ? uniformArray(B * H, 1) : null,
    w: { wIh: uniformArray(GH * I, bound), wHh: uniformArray(GH * H, bound), bIh: uniformArray(GH, bound), bHh: uniformArray(GH, bound) },
    dOutput: uniformArray(B * T * H, 1), dhN: uniformArray(B * H, 1), dcN: lstm ? uniformArray(B * H, 1) : null,
  };
}

function run(kernel: typeof fastKernel, kind: CellKind, p: ReturnType<typeof problem>) {
  const fwd = kernel.forward(kind, DIMS, p.x, p.h0, p.c0, p.w);
  const grads = kernel.backward(kind, DIMS, p.w, p.x, fwd, p.dOutput, p.dhN, p.dcN);
  return { output: fwd.output, hN: fwd.hN, cN: fwd.cN, ...grads };
}

function worstRelative(actual: Float32Array, expected: Float32Array): number {
  const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  return worst / scale;
}

const threadsBefore = kernelThreads();
afterAll(() => setKernelThreads(threadsBefore));

describe.each(KINDS)("fast kernel on two threads, %s", (kind) => {
  it("cuts this layer in two", () => {
    expect(kernelParts(kind, DIMS)).toBe(2);
    expect(kernelParts(kind, { ...DIMS, batch: 7 })).toBe(1); // fewer than two row tiles per part
    expect(kernelParts(kind, { ...DIMS, steps: 10 })).toBe(1); // too little work to wake a thread for
  });

  it("gives the same bits on one thread and two, and the readable kernel's numbers", () => {
    seed(3);
    const p = problem(kind, DIMS);
    setKernelThreads(2);
    const two = run(fastKernel, kind, p);
    expect(helperThreadRunning()).toBe(true);
    setKernelThreads(1);
    const one = run(fastKernel, kind, p);
    const readable = run(readableKernel, kind, p);
    for (const name of ["output", "hN", "cN", ...GRADIENTS] as const) {
      expect(two[name], name).toEqual(one[name]);
      if (two[name]) expect(worstRelative(two[name]!, readable[name]!), name).toBeLessThan(1e-5);
    }
  });
});

describe("the helper thread", () => {
  const root = join(__dirname, "..");
  // Plain node on the built package (fast/dist/, made by `npm run build` before the tests): the way the
  // library, the autograder's sandbox and tslab load it. In a child process, so that a hang fails the test
  // (a thread blocked in Atomics.wait cannot be interrupted by the test runner's timer).
  const script = (calls: number) => `
    const { fastKernel, kernelParts, setKernelThreads, helperThreadRunning } = require(${JSON.stringify(join(root, "dist", "index.js"))});
    setKernelThreads(2);
    const dims = { batch: 8, steps: 256, input: 1, hidden: 64 };
    if (kernelParts("lstm", dims) !== 2) throw new Error("expected a layer cut in two");
    const w = { wIh: new Float32Array(256).fill(0.01), wHh: new Float32Array(256 * 64).fill(0.001), bIh: new Float32Array(256).fill(0.1), bHh: new Float32Array(256) };
    const x = Float32Array.from({ length: 2048 }, (_, i) => Math.sin(i / 7));
    const state = new Float32Array(512), dOutput = new Float32Array(8 * 256 * 64).fill(1e-3);
    let sum = 0;
    for (let i = 0; i < ${calls}; i++) {
      const fwd = fastKernel.forward("lstm", dims, x, state, null, w);
      const grads = fastKernel.backward("lstm", dims, w, x, fwd, dOutput, state, null);
      sum = fwd.output.reduce((a, b) => a + b, 0) + grads.dWHh.reduce((a, b) => a + b, 0);
    }
    console.log(JSON.stringify({ helper: helperThreadRunning(), sum }));
  `;
  const runNode = async (flags: string[], calls: number) => {
    const result = await runCommand(process.execPath, [...flags, "-e", script(calls)], { timeout: 60000 });
    expect(result.error, "the child process hung").toBeUndefined();
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as { helper: boolean; sum: number };
  };

  it("hands over hundreds of calls in a row without losing one, and does not keep the process alive", async () => {
    const result = await runNode([], 300); // four or more handovers per call: over a thousand
    expect(result.helper).toBe(true); // and the process ended by itself
    expect(result.sum).toBe((await runNode([], 1)).sum);
  }, 120_000);

  it("is left out where threads are not allowed, with the same result", async () => {
    const sandboxed = await runNode(["--experimental-permission", "--allow-fs-read=*", "--no-warnings"], 1);
    expect(sandboxed.helper).toBe(false);
    expect(sandboxed.sum).toBe((await runNode([], 1)).sum);
  }, 120_000);

  it("takes only 1 or 2", () => {
    expect(() => setKernelThreads(3)).toThrow("setKernelThreads(count): expected 1 or 2, received 3");
  });
});
