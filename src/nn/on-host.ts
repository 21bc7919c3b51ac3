/**
 * A kernel over plain arrays (a RecurrentKernel: the readable BPTT, the fast path's WebAssembly
 * kernel) as a LayerKernel: the op's inputs are read into host memory, the kernel runs on the CPU,
 * and its results are written back as new tensors of the backend. On the cpu and wasm backends the
 * tensors already live in host memory; on a GPU backend every call copies them off the device and
 * back.
 */
import * as tf from "@tensorflow/tfjs";
import { ForwardResult, GATES, LayerKernel, RecurrentKernel, Weights } from "rnn-course-contract";

/** What the forward keeps for the backward. */
interface HostSaved {
  x: Float32Array;
  weights: Weights;
  forward: ForwardResult;
}

export function onHost(kernel: RecurrentKernel, description: string): LayerKernel {
  return {
    description,
    onHost: true,
    runsOn: () => true,

    forward(kind, dims, inputs, backend) {
      const floats = (t: tf.TensorInfo | undefined): Float32Array => {
        const values = backend.readSync(t!.dataId) as Float32Array | Int32Array | Uint8Array;
        return values instanceof Float32Array ? values : Float32Array.from(values);
      };
      const x = floats(inputs.x);
      const weights = {
        wIh: floats(inputs.wIh),
        wHh: floats(inputs.wHh),
        bIh: floats(inputs.bIh),
        bHh: floats(inputs.bHh),
      };
      const forward = kernel.forward(
        kind,
        dims,
        x,
        floats(inputs.h0),
        inputs.c0 ? floats(inputs.c0) : null,
        weights,
      );
      const { batch: B, steps: T, hidden: H } = dims;
      const out = (values: Float32Array, shape: number[]): tf.TensorInfo => ({
        dataId: backend.write(values, shape, "float32"),
        shape,
        dtype: "float32",
      });
      const { output, hN, cN } = forward;
      const saved: HostSaved = { x, weights, forward };
      return {
        outputs: [out(output, [B, T, H]), out(hN, [B, H]), ...(cN ? [out(cN, [B, H])] : [])],
        saved,
      };
    },

    backward(kind, dims, saved, _inputs, dys) {
      const { x, weights, forward } = saved as HostSaved;
      const read = (d: tf.Tensor) => d.dataSync() as Float32Array;
      const g = kernel.backward(
        kind,
        dims,
        weights,
        x,
        forward,
        read(dys.dOutput),
        read(dys.dhN),
        dys.dcN ? read(dys.dcN) : null,
      );
      const { batch: B, steps: T, input: I, hidden: H } = dims;
      const GH = GATES[kind] * H;
      return {
        grads: {
          x: () => tf.tensor3d(g.dx, [B, T, I]),
          h0: () => tf.tensor2d(g.dh0, [B, H]),
          ...(kind === "lstm" ? { c0: () => tf.tensor2d(g.dc0 as Float32Array, [B, H]) } : {}),
          wIh: () => tf.tensor2d(g.dWIh, [GH, I]),
          wHh: () => tf.tensor2d(g.dWHh, [GH, H]),
          bIh: () => tf.tensor1d(g.dBIh),
          bHh: () => tf.tensor1d(g.dBHh),
        },
        hiddenGradNorms: { read: () => g.hiddenGradNorms, dispose: () => undefined },
      };
    },
  };
}
