/**
 * The fused recurrent kernel for tfjs's webgpu backend: a whole layer, forward and backward, in a handful of
 * GPU dispatches recorded into tfjs's own command stream, with no copy to or from the host.
 *
 * Forward (the library's nn/bptt.ts `forward`, rearranged for a GPU):
 *   1. a_x = x W_ihᵀ + b_ih for every step at once: one matrix product [B·T, I] × [I, G·H] (tfjs's);
 *   2. the loop over time, one dispatch (forward.wgsl): a workgroup per sequence runs all T steps, keeping
 *      h (and c) in workgroup memory; it writes the trace [B, T+1, TRACE] (layout.ts);
 *   3. output, h_N, c_N are slices of the trace.
 * Backward (nn/bptt.ts's `backward`):
 *   1. the loop back through time, one dispatch (backward.wgsl): every step's gate gradients, ∂L/∂h0, ∂L/∂c0;
 *   2. everything else is a sum over steps, so a matrix product over all B·T rows at once:
 *      dW_ih = dA_xᵀ X, dW_hh = dA_hᵀ H_prev, dx = dA_x W_ih, biases = column sums.
 *
 * The trace waits on the GPU for its backward. Forwards that never get one (evaluation, inference) would
 * pile up, so at most MAX_TRACES wait at once and the oldest is freed first; a backward whose trace was
 * freed runs its forward again (same inputs, same numbers).
 */
import * as tf from "@tensorflow/tfjs";
import type { WebGPUBackend } from "@tensorflow/tfjs-backend-webgpu";
import { ArgumentError, CellKind, Dims, GATES, GradNorms, LayerInputs, LayerKernel } from "rnn-course-contract";
import { backLayout } from "./layout";
import { BackwardProgram, ForwardProgram } from "./programs";

/** Traces waiting for their backward at once (e.g. a stack of four layers). */
const MAX_TRACES = 4;

/** A forward's trace on the GPU, until its backward has run (or it is evicted: then null). */
interface Saved {
  trace: tf.TensorInfo | null;
}
const waiting: Saved[] = [];

export const webgpuKernel: LayerKernel = {
  description: "the fused WebGPU kernel, beside the tensors",
  onHost: false,
  runsOn: (backend) => backend === "webgpu",

  forward(kind, dims, inputs, backend) {
    const b = backend as unknown as WebGPUBackend;
    checkFits(kind, dims, b);
    const trace = runForward(kind, dims, inputs, b);
    const { batch: B, steps: T, hidden: H } = dims;
    const lastState = (offset: number) => {
      const last = run(b, "Slice", { x: trace }, { begin: [0, T, offset], size: [B, 1, H] });
      const state = run(b, "Reshape", { x: last }, { shape: [B, H] });
      b.disposeData(last.dataId);
      return state;
    };
    const output = run(b, "Slice", { x: trace }, { begin: [0, 1, 0], size: [B, T, H] });
    const saved: Saved = { trace };
    waiting.push(saved);
    if (waiting.length > MAX_TRACES) release(waiting[0], b);
    return { outputs: [output, lastState(0), ...(kind === "lstm" ? [lastState(H)] : [])], saved };
  },

  backward(kind, dims, saved, inputs, dys) {
    const state = saved as Saved;
    const b = tf.backend() as unknown as WebGPUBackend;
    const trace = state.trace ?? runForward(kind, dims, inputs, b);
    try {
      const { norms, ...grads } = tf.tidy(() => gradients(kind, dims, trace, inputs, [dys.dOutput, dys.dhN, dys.dcN ?? dys.dhN], b));
      return { grads: thunks(grads), hiddenGradNorms: onDevice(tf.keep(norms) as tf.Tensor1D) };
    } finally {
      if (state.trace) release(state, b);
      else b.disposeData(trace.dataId);
    }
  },
};

/** Steps 1-2 of the forward: the trace [B, T+1, TRACE] as a new TensorInfo of `b`. */
function runForward(kind: CellKind, dims: Dims, inputs: LayerInputs<tf.TensorInfo>, b: WebGPUBackend): tf.TensorInfo {
  const { batch: B, steps: T, input: I, hidden: H } = dims;
  const x = run(b, "Reshape", { x: inputs.x }, { shape: [B * T, I] });
  const fromInput = run(b, "_FusedMatMul", { a: x, b: inputs.wIh, bias: inputs.bIh }, { transposeA: false, transposeB: true, activation: "linear" });
  const whhT = run(b, "Transpose", { x: inputs.wHh }, { perm: [1, 0] });
  const program = new ForwardProgram(kind, B, T, H);
  const trace = b.runWebGPUProgram(program, [fromInput, whhT, inputs.bHh, inputs.h0, inputs.c0 ?? inputs.h0], "float32", [{ type: "int32", data: [T] }]);
  for (const t of [x, fromInput, whhT]) b.disposeData(t.dataId);
  return trace;
}

/** The backward dispatch, then the sums over steps as matrix products (inside a tidy): each input's gradient, and `norms`. */
function gradients(kind: CellKind, dims: Dims, traceInfo: tf.TensorInfo, inputs: LayerInputs<tf.Tensor>, dys: tf.Tensor[], b: WebGPUBackend): tf.NamedTensorMap {
  const { batch: B, steps: T, input: I, hidden: H } = dims;
  const GH = GATES[kind] * H;
  const { DGX, DGH, DH } = backLayout(kind, H);
  const program = new BackwardProgram(kind, B, T, H);
  const back = tf.engine().makeTensorFromTensorInfo(
    b.runWebGPUProgram(program, [traceInfo, inputs.wHh, ...dys], "float32", [{ type: "int32", data: [T] }]));
  b.incRef(traceInfo.dataId); // a second owner for the trace while this tidy lasts
  const trace = tf.engine().makeTensorFromTensorInfo(traceInfo);
  const rows = (t: tf.Tensor, at: number, width: number) => t.slice([0, 0, at], [B, T, width]).reshape([B * T, width]) as tf.Tensor2D;
  const dAx = rows(back, DGX, GH);
  const dAh = kind === "gru" ? rows(back, DGH, GH) : dAx;
  const hPrev = rows(trace, 0, H); // record t holds h_{t-1}
  const x = inputs.x.reshape([B * T, I]) as tf.Tensor2D;
  const initial = (at: number) => back.slice([0, T, at], [B, 1, H]).reshape([B, H]);
  const dBIh = tf.sum(dAx, 0);
  return {
    x: tf.matMul(dAx, inputs.wIh as tf.Tensor2D).reshape([B, T, I]),
    h0: initial(0),
    ...(kind === "lstm" ? { c0: initial(H) } : {}),
    wIh: tf.matMul(dAx, x, true, false),
    wHh: tf.matMul(dAh, hPrev, true, false),
    bIh: dBIh,
    bHh: kind === "gru" ? tf.sum(dAh, 0) : dBIh.clone(),
    norms: tf.sqrt(tf.sum(tf.square(back.slice([0, 0, DH], [B, T, H])), [0, 2])),
  };
}

function thunks(grads: tf.NamedTensorMap): LayerInputs<() => tf.Tensor> {
  return Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, () => g])) as unknown as LayerInputs<() => tf.Tensor>;
}

/** ‖∂L/∂h_t‖ left on the GPU: read (once) when asked. */
function onDevice(norms: tf.Tensor1D): GradNorms {
  let values: Float32Array | null = null;
  return {
    read() {
      if (!values) {
        values = norms.dataSync() as Float32Array;
        norms.dispose();
      }
      return values;
    },
    dispose() {
      if (!norms.isDisposed) norms.dispose();
    },
  };
}

function release(saved: Saved, b: WebGPUBackend): void {
  if (saved.trace) b.disposeData(saved.trace.dataId);
  saved.trace = null;
  const at = waiting.indexOf(saved);
  if (at >= 0) waiting.splice(at, 1);
}

/** One of tfjs's own webgpu kernels, called on TensorInfos (inside an op, below the engine). */
function run(b: WebGPUBackend, kernel: string, inputs: tf.NamedTensorInfoMap, attrs: object): tf.TensorInfo {
  const config = tf.getKernel(kernel, "webgpu");
  if (!config) throw new Error(`tfjs-backend-webgpu has no ${kernel} kernel`);
  return config.kernelFunc({ inputs, backend: b, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
}

/** Workgroup memory per dispatch (forward: h twice and c; backward: the gate gradients twice, ∂L/∂h, ∂L/∂c). */
function checkFits(kind: CellKind, dims: Dims, b: WebGPUBackend): void {
  const H = dims.hidden;
  const bytes = 4 * Math.max(3 * H, 2 * GATES[kind] * H + 2 * H);
  const limit = b.device.limits.maxComputeWorkgroupStorageSize;
  if (bytes > limit) {
    throw new ArgumentError("hidden size", `at most what fits this GPU's ${limit} bytes of workgroup memory`, H,
      `The WebGPU kernel keeps a layer's state in ${bytes} bytes of workgroup memory; setRecurrentKernel("fast") runs the layer on the CPU instead`);
  }
  const most = b.device.limits.maxComputeWorkgroupsPerDimension;
  if (dims.batch > most) {
    throw new ArgumentError("batch size", `at most ${most} (one workgroup per sequence)`, dims.batch, `Split the batch, or setRecurrentKernel("fast")`);
  }
}
