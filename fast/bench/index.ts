/**
 * npm run bench: times one training step of workloads W1-W5 for every implementation on every tfjs
 * backend here, and PyTorch (one thread, OpenBLAS; and on CUDA when torch sees a GPU) in the same run when a
 * Python with torch is found.
 *
 *   npm run bench                          all workloads, table
 *   npm run bench -- --backends webgpu     on the GPU through WebGPU (the fused WebGPU kernel)
 *   npm run bench -- --workloads W2,W3     some workloads
 *   npm run bench -- --quick               fewer steps, a tighter time budget
 *   npm run bench -- --json                one JSON object per line
 *   npm run bench -- --help
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { cpus, loadavg } from "node:os";
import { ArgumentError } from "../../src/errors";
import { UsageError, helpPointer, parseOptions } from "../../tools/options";
import { MeasureOptions, Result, measure } from "./measure";
import { table, withRatios } from "./report";
import { findTorchPython, runTorch, torchSeesCuda } from "./torch";
import { nodeLoaders } from "../../src/device";
import { kernelParts, kernelThreads } from "rnn-course-fast";
import { Trainer, libraryTrainer, tfjsLayersTrainer } from "./trainers";
import { WORKLOADS, Workload } from "./workloads";

interface Implementation {
  name: string;
  /** Whether it is worth measuring on `w` and `backend` (only recurrent workloads have a kernel to choose). */
  applies(w: Workload, backend: string): boolean;
  make(w: Workload): Trainer;
}

/** The library's own default, read before any trainer sets it. */
const DEFAULT_THREADS = kernelThreads();

const onCpu = (backend: string) => backend !== "webgpu";
const IMPLEMENTATIONS: Implementation[] = [
  // "auto": the WebAssembly kernel on cpu and wasm, the fused WebGPU kernel on webgpu.
  { name: "fused", applies: () => true, make: (w) => libraryTrainer(w, "auto", DEFAULT_THREADS) },
  { name: "fused-1thread", applies: (w, b) => onCpu(b) && DEFAULT_THREADS > 1 && splits(w), make: (w) => libraryTrainer(w, "fast", 1) },
  { name: "readable", applies: (w, b) => onCpu(b) && w.model !== "mlp", make: (w) => libraryTrainer(w, "readable", 1) },
  { name: "tfjs-layers", applies: () => true, make: tfjsLayersTrainer },
];

const COMMAND = "npm run bench";

const HELP = `npm run bench [-- options]

Times one training step (forward + backward + Adam update on one batch) of the workloads
W1 (MLP), W2 (RNN), W3 (LSTM), W4 (GRU), W5 (big LSTM) for each implementation on each tfjs
backend, and in PyTorch (1 thread, OpenBLAS) when python3 or /usr/bin/python3 imports torch,
and PyTorch on CUDA too when that torch sees a GPU. Reports the median over the timed steps
after warm-up, and the ratios to PyTorch (and to PyTorch on CUDA).

implementations: fused (the library with the kernel for the backend: on cpu and wasm the fast SIMD
                 kernel, where a layer big enough, like W5's, runs its two halves of the batch
                 on two threads where there are two cores; on webgpu the fused WebGPU kernel),
                 fused-1thread (the SIMD kernel on one thread), readable (the library, readable
                 BPTT kernel), tfjs-layers (tf.layers + trainOnBatch), pytorch (one thread; and
                 pytorch-2threads, OpenBLAS on two threads, where the library uses two),
                 pytorch-cuda (PyTorch on the GPU, cuDNN's fused recurrent layers)

options:
  --workloads W1,W3   which workloads (default: all)
  --backends cpu,wasm which tfjs backends: cpu, wasm, webgpu (default: cpu,wasm; webgpu needs a
                      WebGPU adapter, see README "Train on a GPU")
  --impls fused,...   which implementations (default: all)
  --steps N           timed steps per workload (default: W1 100, W2-W4 50, W5 20)
  --warmup N          untimed steps first (default: W1 30, W2-W4 20, W5 3), after a throwaway
                      copy has trained for ~2 s so that V8 has optimised the hot code
  --budget S          skip an implementation whose second step says it would take more than S seconds
                      on a workload (default: 120)
  --quick             --steps 20 --budget 30 (warm-up stays: fewer steps leave tfjs's JIT cold)
  --no-torch          do not run PyTorch
  --json              one JSON object per line instead of the table
  --help              this text`;

async function main(): Promise<void> {
  const { values } = parseOptions(COMMAND, {
    args: process.argv.slice(2),
    options: {
      workloads: { type: "string" }, backends: { type: "string" }, impls: { type: "string" },
      steps: { type: "string" }, warmup: { type: "string" }, budget: { type: "string" },
      quick: { type: "boolean" }, "no-torch": { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean" },
    },
  });
  if (values.help) return console.log(HELP);
  const workloads = pick(values.workloads, WORKLOADS.map((w) => w.id), "--workloads").map((id) => WORKLOADS.find((w) => w.id === id)!);
  const backends = pick(values.backends, ["cpu", "wasm", "webgpu"], "--backends", ["cpu", "wasm"]);
  const impls = pick(values.impls, [...IMPLEMENTATIONS.map((i) => i.name), "pytorch", "pytorch-cuda"], "--impls");
  const options: MeasureOptions = {
    steps: number(values.steps ?? (values.quick ? "20" : undefined), "--steps"),
    warmup: number(values.warmup, "--warmup", 0),
    budget: number(values.budget ?? (values.quick ? "30" : "120"), "--budget")!,
  };
  const results: Result[] = [];
  // Each workload measures PyTorch first, so the lines after it can carry the ratio.
  const print = (r: Result) => values.json && console.log(JSON.stringify(withRatios([...results, r]).at(-1)));
  if (!values.json) console.log(`${cpus()[0].model}, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  if (backends.includes("webgpu")) {
    const { adapter } = await nodeLoaders.webgpu(); // Dawn, tfjs's webgpu backend, synchronous reads
    if (!values.json) console.log(`WebGPU adapter: ${adapter}`);
  }

  const torchWanted = (impls.includes("pytorch") || impls.includes("pytorch-cuda")) && !values["no-torch"];
  const python = torchWanted ? findTorchPython() : null;
  if (torchWanted && !python && !values.json) console.log("PyTorch: no python3 with torch found, skipped");
  const cuda = python !== null && impls.includes("pytorch-cuda") && torchSeesCuda(python);
  // Workload by workload, PyTorch first: the two sides of a ratio are measured minutes apart at most.
  for (const w of workloads) {
    if (python && impls.includes("pytorch")) for (const r of runTorch(python, [w.id], options.steps, options.warmup)) print(r), results.push(r);
    if (python && impls.includes("pytorch") && DEFAULT_THREADS > 1 && splits(w)) {
      for (const r of runTorch(python, [w.id], options.steps, options.warmup, 2)) print(r), results.push(r);
    }
    if (cuda) for (const r of runTorch(python!, [w.id], options.steps, options.warmup, 1, "cuda")) print(r), results.push(r);
    for (const backend of backends) {
      await tf.setBackend(backend);
      for (const impl of IMPLEMENTATIONS.filter((i) => impls.includes(i.name) && i.applies(w, backend))) {
        const r = await measure(w, backend, impl.name, () => impl.make(w), options);
        print(r);
        results.push(r);
        if (!values.json) process.stderr.write(`  ${w.id} ${backend} ${impl.name}: ${r.ms_per_step === null ? r.note : `${r.ms_per_step.toFixed(2)} ms/step`}\n`);
      }
    }
  }
  if (!values.json) {
    const torch = results.find((r) => r.impl === "pytorch") as (Result & { blas?: string }) | undefined;
    if (torch?.blas) console.log(`PyTorch BLAS: ${torch.blas}`);
    const gpu = results.find((r) => r.impl === "pytorch-cuda") as (Result & { blas?: string }) | undefined;
    if (gpu?.blas) console.log(`PyTorch CUDA on: ${gpu.blas}`);
    console.log(table(results));
  }
}

/** Whether the fast kernel cuts the workload's layer in two (so a second thread has work). */
function splits(w: Workload): boolean {
  if (w.model === "mlp") return false;
  const kind = w.model === "rnn" ? "rnn_tanh" : w.model;
  return kernelParts(kind, { batch: w.batch, steps: w.length, input: 1, hidden: w.hidden }) > 1;
}

function pick(list: string | undefined, all: string[], flag: string, defaults = all): string[] {
  if (list === undefined) return defaults;
  const chosen = list.split(",").map((s) => s.trim());
  const unknown = chosen.filter((c) => !all.includes(c));
  if (unknown.length) throw new ArgumentError(flag, `some of ${all.join(",")}`, unknown.join(","));
  return chosen;
}

function number(text: string | undefined, flag: string, least = 1): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < least) throw new ArgumentError(flag, `a number ≥ ${least}`, text);
  return n;
}

main().catch((error) => {
  // Bad usage exits 2 before anything is measured; a failure while measuring exits 1.
  if (error instanceof UsageError) console.error(error.message);
  else if (error instanceof ArgumentError) console.error(`${COMMAND}: ${error.message}. ${helpPointer(COMMAND)}.`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof UsageError || error instanceof ArgumentError ? 2 : 1);
});
