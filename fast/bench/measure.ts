/**
 * Timing one implementation on one workload: warm-up steps, then the median over the timed steps of
 * wall-clock and CPU time per step. Step counts are fixed (not timed), so final_loss repeats run to run.
 * An implementation is skipped when its second step says the whole run would exceed the time budget.
 *
 * Before that, a throwaway copy trains for about two seconds: V8 compiles hot WebAssembly (tfjs's and ours)
 * with its optimising tier in the background, and 20 quick steps in a fresh process end before it has
 * (W2 measured 1.0 ms/step instead of 0.61; one second of this was not always enough).
 *
 * Between steps, outside the timed part, the event loop gets a turn: Dawn (webgpu) frees the GPU objects
 * that tfjs drops (bind groups, command buffers) only then, and without it a long loop runs out of memory.
 */
import * as tf from "@tensorflow/tfjs";
import { nextTick } from "../../src/training/progress";
import { Trainer } from "./trainers";
import { Workload, batches } from "./workloads";

export interface Result {
  workload: string;
  backend: string;
  impl: string;
  /** Median wall-clock milliseconds per step (null when skipped). */
  ms_per_step: number | null;
  /** Median CPU milliseconds per step of this process: steadier than wall-clock on a busy machine. */
  cpu_ms_per_step: number | null;
  final_loss: number | null;
  /** Why there is no timing, e.g. "skipped: ~7.6 s/step would take > 120 s". */
  note?: string;
}

export interface MeasureOptions {
  /** Untimed steps first, and timed steps; each workload's defaults when undefined. */
  warmup?: number;
  steps?: number;
  /** Seconds an implementation may take on one workload (estimated from one step) before it is skipped. */
  budget: number;
}

/** How long the throwaway copy trains, and at most how many steps. */
const JIT_WARMUP_MS = 2000;
const JIT_WARMUP_STEPS = 1000;

export async function measure(w: Workload, backend: string, impl: string, make: () => Trainer, o: MeasureOptions): Promise<Result> {
  const steps = o.steps ?? w.steps;
  const warmup = o.warmup ?? w.warmup;
  const data = batches(w);
  await warmJit(make, data);
  const trainer = make();
  const result: Result = { workload: w.id, backend, impl, ms_per_step: null, cpu_ms_per_step: null, final_loss: null };
  try {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let step = 0; step < warmup + steps; step++) {
      const [x, y] = data[step % data.length];
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      result.final_loss = await trainer.step(x, y);
      const used = process.cpuUsage(cpuStarted);
      const ms = performance.now() - started;
      await nextTick();
      // Judged on the second step: the first one also builds (tfjs-layers initialises, JIT compiles).
      if (step === 1 && ms * (warmup + steps) > o.budget * 1000) {
        result.final_loss = null;
        result.note = `skipped: a step took ${(ms / 1000).toFixed(1)} s, ${warmup + steps} steps would exceed ${o.budget} s`;
        return result;
      }
      if (step >= warmup) {
        wall.push(ms);
        cpu.push((used.user + used.system) / 1000);
      }
    }
    result.ms_per_step = median(wall);
    result.cpu_ms_per_step = median(cpu);
    return result;
  } finally {
    trainer.dispose();
    for (const [x, y] of data) tf.dispose([x, y]);
  }
}

async function warmJit(make: () => Trainer, data: [tf.Tensor, tf.Tensor][]): Promise<void> {
  const trainer = make();
  try {
    const started = performance.now();
    for (let step = 0; step < JIT_WARMUP_STEPS && performance.now() - started < JIT_WARMUP_MS; step++) {
      const [x, y] = data[step % data.length];
      await trainer.step(x, y);
      await nextTick();
    }
  } finally {
    trainer.dispose();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
