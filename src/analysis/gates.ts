/**
 * Gate activations over a sequence: what an LSTM or GRU layer decides at every time step, for
 * plotting.
 *
 * The layers train as one fused op (recurrent.ts) that keeps its gates to itself; this replays the
 * first layer step by step with the cell equations (cells.ts), keeping every gate. For one
 * sequence:
 *
 *   LSTM  i (input), f (forget), o (output) in (0, 1); g (candidate) in (-1, 1); c (cell state), h
 *   GRU   r (reset), z (update) in (0, 1); n (candidate) in (-1, 1); h
 *
 * each as [T][H]: row t holds the H units' values after reading x_t.
 *
 * `openForgetGate` sets the bias of the gate that decides how much memory to keep (LSTM forget gate
 * f, GRU update gate z), so that an untrained cell keeps its state by default instead of halving it
 * every step.
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";
import { GRU, LSTM } from "../nn/rnn";

export type GateTrace = Record<string, number[][]>;

/**
 * Replays `layer` (its first layer) over one sequence, x [T] (one feature) or [1, T, I], from zero
 * state.
 */
export function traceGates(layer: LSTM | GRU, x: ArrayLike<number> | tf.Tensor): GateTrace {
  check(layer instanceof LSTM || layer instanceof GRU, "layer", "an LSTM or a GRU", layer);
  const expected = `one sequence: [T] values or a tensor [1, T, ${layer.inputSize}]`;
  check(
    x instanceof tf.Tensor ||
      (typeof (x as ArrayLike<number>)?.length === "number" && layer.inputSize === 1),
    "x",
    expected,
    x,
  );
  const input: tf.Tensor =
    x instanceof tf.Tensor ? x : tf.tensor3d(Array.from(x), [1, x.length, 1]);
  const [batch, T, features] = input.shape;
  check(input.rank === 3 && batch === 1 && features === layer.inputSize && T > 0, "x", expected, x);
  const weights = Object.fromEntries(layer.namedParameters()) as Record<string, tf.Tensor>;
  // A layer made with `bias: false` has no biases: they are zeros.
  const bias = (name: string) => weights[name] ?? tf.zeros([weights.weight_hh_l0.shape[0]]);
  const names = layer instanceof LSTM ? ["i", "f", "g", "o", "c", "h"] : ["r", "z", "n", "h"];
  const trace: GateTrace = Object.fromEntries(names.map((name) => [name, [] as number[][]]));
  tf.tidy(() => {
    const steps = tf.unstack(input.reshape([T, layer.inputSize]));
    const H = layer.hiddenSize;
    let h: tf.Tensor = tf.zeros([1, H]);
    let c: tf.Tensor = tf.zeros([1, H]);
    for (const xt of steps) {
      // Each gate's two contributions, from the input and from the previous hidden state: [1, G*H]
      // each.
      const fromX = tf.add(
        tf.matMul(xt.reshape([1, -1]), weights.weight_ih_l0, false, true),
        bias("bias_ih_l0"),
      );
      const fromH = tf.add(tf.matMul(h, weights.weight_hh_l0, false, true), bias("bias_hh_l0"));
      const values: Record<string, tf.Tensor> = {};
      if (layer instanceof LSTM) {
        const [i, f, g, o] = tf.split(tf.add(fromX, fromH), 4, 1);
        Object.assign(values, {
          i: tf.sigmoid(i),
          f: tf.sigmoid(f),
          g: tf.tanh(g),
          o: tf.sigmoid(o),
        });
        c = tf.add(tf.mul(values.f, c), tf.mul(values.i, values.g));
        h = tf.mul(values.o, tf.tanh(c));
        Object.assign(values, { c, h });
      } else {
        const [xr, xz, xn] = tf.split(fromX, 3, 1);
        const [hr, hz, hn] = tf.split(fromH, 3, 1);
        values.r = tf.sigmoid(tf.add(xr, hr));
        values.z = tf.sigmoid(tf.add(xz, hz));
        values.n = tf.tanh(tf.add(xn, tf.mul(values.r, hn)));
        h = values.h = tf.add(tf.mul(tf.sub(1, values.z), values.n), tf.mul(values.z, h));
      }
      for (const name of names) trace[name].push(Array.from(values[name].dataSync()));
    }
  });
  if (input !== x) input.dispose();
  return trace;
}

/** The mean over units at each step of one traced quantity, e.g. `meanOverUnits(trace.f)`: [T]. */
export function meanOverUnits(rows: number[][]): Float64Array {
  check(
    Array.isArray(rows) && rows.length > 0 && rows.every((r) => Array.isArray(r) && r.length > 0),
    "rows",
    "a trace entry such as trace.f ([T][H])",
    rows,
  );
  return Float64Array.from(rows, (row) => row.reduce((s, v) => s + v, 0) / row.length);
}

/**
 * Sets the keep-memory gate's bias of every layer to `bias` (bias_ih = bias, bias_hh = 0 for those
 * rows): the LSTM's forget gate f (rows H..2H) or the GRU's update gate z (rows H..2H). At
 * PyTorch's initialisation these gates start near σ(0) = 0.5, so a state fades as 0.5^t; with bias
 * 3, σ(3) ≈ 0.95 keeps it far longer. Keras initialises the LSTM forget bias to 1 for the same
 * reason.
 */
export function openForgetGate(layer: LSTM | GRU, bias: number): void {
  check(layer instanceof LSTM || layer instanceof GRU, "layer", "an LSTM or a GRU", layer);
  check(Number.isFinite(bias), "bias", "a finite number (e.g. 1 to 3)", bias);
  check(layer.bias, "layer", "a layer with biases (made without bias: false)", layer.toString());
  const H = layer.hiddenSize;
  for (const [name, parameter] of layer.namedParameters()) {
    const kind = /^bias_(ih|hh)_l\d+$/.exec(name)?.[1];
    if (!kind) continue;
    const values = parameter.dataSync().slice();
    values.fill(kind === "ih" ? bias : 0, H, 2 * H);
    tf.tidy(() => parameter.assign(tf.tensor1d(values)));
  }
}
