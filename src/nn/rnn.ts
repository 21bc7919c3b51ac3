/**
 * Recurrent layers with PyTorch's constructor options, parameter names, shapes and initialisation:
 * `RNN` (tanh or relu), `LSTM`, `GRU`, optionally stacked (numLayers), with or without biases.
 * Input is batch-first [B, T, I]. PyTorch's other options (time-first input, dropout between
 * layers, bidirectional layers, LSTM projections) are refused with a message rather than ignored,
 * and so is any unknown option.
 *
 *   const lstm = new LSTM({ inputSize: 1, hiddenSize: 32 });
 *   const { output, h, c } = lstm.forward(x);   // output [B, T, H]: many-to-many
 *   const last = output.slice([0, T - 1, 0], [B, 1, H]);   // many-to-one: the last step
 *
 * Each layer runs as one tfjs op with hand-written backpropagation through time (recurrent.ts).
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError, check, checkOptions } from "../errors";
import { CellKind, GATES, GradNorms } from "rnn-course-contract";
import { recurrentLayer } from "./recurrent";
import { uniformArray } from "../seed";
import { Module } from "./module";

export interface RNNOptions {
  inputSize: number;
  hiddenSize: number;
  /** Stacked layers: layer l > 0 reads the hidden states of layer l - 1. Default 1. */
  numLayers?: number;
  /** RNN only. Default "tanh". */
  nonlinearity?: "tanh" | "relu";
  /**
   * false: no biases b_ih, b_hh (PyTorch's bias=False), so only weight_ih_l* and weight_hh_l*.
   * Default true.
   */
  bias?: boolean;
  /**
   * Input is [batch, time, features]: true, or left out. PyTorch's default, time first, is not
   * supported.
   */
  batchFirst?: boolean;
  /** Dropout between stacked layers: 0, or left out (not supported). */
  dropout?: number;
  /** Bidirectional layers: false, or left out (not supported). */
  bidirectional?: boolean;
}

/**
 * LSTM's options: an RNN's, without the nonlinearity; PyTorch's projections: 0, or left out (not
 * supported).
 */
export type LSTMOptions = Omit<RNNOptions, "nonlinearity"> & { projSize?: number };

const COMMON_OPTIONS = [
  "inputSize",
  "hiddenSize",
  "numLayers",
  "bias",
  "batchFirst",
  "dropout",
  "bidirectional",
];
const OPTIONS: Record<CellKind, string[]> = {
  rnn_tanh: [...COMMON_OPTIONS, "nonlinearity"],
  rnn_relu: [...COMMON_OPTIONS, "nonlinearity"],
  lstm: [...COMMON_OPTIONS, "projSize"],
  gru: COMMON_OPTIONS,
};

/**
 * One layer's parameters; the biases are null for `bias: false`, and the kernel then gets zeros.
 */
interface LayerParameters {
  wIh: tf.Variable;
  wHh: tf.Variable;
  bIh: tf.Variable | null;
  bHh: tf.Variable | null;
}

/**
 * `forward`'s result, usable both ways: `const { output, h, c } = ...` or, like PyTorch's tuple,
 * `const [output, h, c] = ...`. h and c are [numLayers, B, H]: the final state of every layer.
 */
export type RecurrentOutput = tf.Tensor[] & {
  output: tf.Tensor3D;
  h: tf.Tensor3D;
  c?: tf.Tensor3D;
};

export abstract class RecurrentModule extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  /**
   * Each layer's ‖∂L/∂h_t‖ from the latest backward pass, not read from the device until asked for.
   */
  private readonly gradNorms: GradNorms[] = [];
  readonly bias: boolean;
  private readonly layers: LayerParameters[] = [];

  /**
   * ‖∂L/∂h_t‖ for t = 0 .. T-1, one array per layer, from the latest backward pass (empty before
   * one).
   */
  get hiddenGradNorms(): Float32Array[] {
    return this.gradNorms.map((norms) => norms.read());
  }

  protected constructor(
    readonly kind: CellKind,
    options: LSTMOptions & Pick<RNNOptions, "nonlinearity">,
  ) {
    super();
    const name = this.constructor.name;
    checkOptions(options, OPTIONS[kind], `${name} options`);
    const { inputSize, hiddenSize, numLayers = 1, bias = true } = options;
    check(
      Number.isInteger(inputSize) && inputSize > 0,
      `${name} inputSize`,
      "a positive integer",
      inputSize,
    );
    check(
      Number.isInteger(hiddenSize) && hiddenSize > 0,
      `${name} hiddenSize`,
      "a positive integer",
      hiddenSize,
    );
    check(
      Number.isInteger(numLayers) && numLayers > 0,
      `${name} numLayers`,
      "a positive integer",
      numLayers,
    );
    check(typeof bias === "boolean", `${name} bias`, "true or false", bias);
    checkSupported(name, options);
    [this.inputSize, this.hiddenSize, this.numLayers, this.bias] = [
      inputSize,
      hiddenSize,
      numLayers,
      bias,
    ];
    // PyTorch's initialisation: every weight and bias uniform in [-1/√H, 1/√H], in registration
    // order.
    const bound = 1 / Math.sqrt(hiddenSize);
    const rows = GATES[kind] * hiddenSize;
    const parameter = (name: string, shape: number[]) =>
      this.addParameter(name, tf.tensor(uniformArray(shape[0] * (shape[1] ?? 1), bound), shape));
    for (let l = 0; l < numLayers; l++) {
      this.layers.push({
        wIh: parameter(`weight_ih_l${l}`, [rows, l === 0 ? inputSize : hiddenSize]),
        wHh: parameter(`weight_hh_l${l}`, [rows, hiddenSize]),
        bIh: bias ? parameter(`bias_ih_l${l}`, [rows]) : null,
        bHh: bias ? parameter(`bias_hh_l${l}`, [rows]) : null,
      });
    }
  }

  /** x [B, T, inputSize]; h0 (and c0 for LSTM) [numLayers, B, hiddenSize], zeros when left out. */
  override forward(x: tf.Tensor, h0?: tf.Tensor, c0?: tf.Tensor): RecurrentOutput {
    this.checkInputs(x, h0, c0);
    const lstm = this.kind === "lstm";
    const [B, T] = (x as tf.Tensor3D).shape; // checked: [batch, time, inputSize]
    const H = this.hiddenSize;
    const tuple = tf.tidy(() => {
      // Layer l's initial state: state[l], or zeros. (Slices, not tf.unstack: its gradient fails
      // for one layer.)
      const initial = (state: tf.Tensor | undefined, l: number): tf.Tensor2D =>
        state ? state.slice([l, 0, 0], [1, B, H]).reshape([B, H]) : tf.zeros([B, H]);
      let input = x as tf.Tensor3D;
      const finalH: tf.Tensor2D[] = [];
      const finalC: tf.Tensor2D[] = [];
      const rows = GATES[this.kind] * H;
      this.layers.forEach((p, l) => {
        const record = (norms: GradNorms) => {
          this.gradNorms[l]?.dispose();
          this.gradNorms[l] = norms;
        };
        const weights = {
          wIh: p.wIh as tf.Tensor as tf.Tensor2D,
          wHh: p.wHh as tf.Tensor as tf.Tensor2D,
          bIh: (p.bIh ?? tf.zeros([rows])) as tf.Tensor1D,
          bHh: (p.bHh ?? tf.zeros([rows])) as tf.Tensor1D,
        };
        // The layer's sizes, given to its kernel once: layer 0 reads the input, the others the
        // layer below.
        const dims = { batch: B, steps: T, input: l === 0 ? this.inputSize : H, hidden: H };
        const result = recurrentLayer(
          this.kind,
          dims,
          input,
          initial(h0, l),
          lstm ? initial(c0, l) : null,
          weights,
          record,
        );
        input = result.output;
        finalH.push(result.h);
        if (result.c) finalC.push(result.c);
      });
      return [input, tf.stack(finalH), ...(lstm ? [tf.stack(finalC)] : [])] as tf.Tensor3D[];
    });
    const [output, h, c] = tuple;
    return Object.assign(tuple, { output, h, ...(c ? { c } : {}) });
  }

  override dispose(): void {
    for (const norms of this.gradNorms.splice(0)) norms.dispose();
    super.dispose();
  }

  /** The name PyTorch prints, used in error messages: e.g. "LSTM(input_size=1)". */
  private label(): string {
    return `${this.constructor.name}(input_size=${this.inputSize})`;
  }

  private checkInputs(x: tf.Tensor, h0?: tf.Tensor, c0?: tf.Tensor): void {
    const I = this.inputSize;
    if (
      !(x instanceof tf.Tensor) ||
      x.rank !== 3 ||
      x.shape[2] !== I ||
      x.shape[0] === 0 ||
      x.shape[1] === 0
    ) {
      throw new ArgumentError(
        this.label(),
        `input [batch, time, ${I}] with batch, time >= 1`,
        x,
        x instanceof tf.Tensor && x.rank === 2
          ? `For one feature per step, reshape to [${x.shape.join(", ")}, 1]`
          : undefined,
      );
    }
    const state = [this.numLayers, x.shape[0], this.hiddenSize];
    const expected = `[num_layers, batch, hidden_size] = [${state.join(", ")}]`;
    const fits = (s: tf.Tensor) =>
      s instanceof tf.Tensor && s.rank === 3 && s.shape.every((n, i) => n === state[i]);
    if (h0 !== undefined) check(fits(h0), `${this.label()} h0`, expected, h0);
    if (c0 !== undefined) {
      check(this.kind === "lstm", `${this.label()} c0`, "no cell state (only an LSTM has one)", c0);
      check(fits(c0), `${this.label()} c0`, expected, c0);
    }
  }

  protected override describe(): string {
    const layers = this.numLayers === 1 ? "" : `, num_layers=${this.numLayers}`;
    const bias = this.bias ? "" : ", bias=False";
    return `${this.inputSize}, ${this.hiddenSize}${layers}${bias}${this.kind === "rnn_relu" ? ", nonlinearity=relu" : ""}`;
  }
}

/**
 * PyTorch's options the course's layers do not implement: refused, unless left at PyTorch's "off"
 * value.
 */
function checkSupported(name: string, options: LSTMOptions): void {
  const { batchFirst = true, dropout = 0, bidirectional = false, projSize = 0 } = options;
  check(
    batchFirst === true,
    `${name} batchFirst`,
    "true or left out",
    batchFirst,
    "The course's layers take [batch, time, features]; time-first input (batchFirst: false) is not supported",
  );
  check(
    dropout === 0,
    `${name} dropout`,
    "0 or left out",
    dropout,
    "Dropout between stacked layers is not supported",
  );
  check(
    bidirectional === false,
    `${name} bidirectional`,
    "false or left out",
    bidirectional,
    "Bidirectional layers are not supported",
  );
  check(
    projSize === 0,
    `${name} projSize`,
    "0 or left out",
    projSize,
    "LSTM projections are not supported",
  );
}

/** Elman RNN: h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh), or relu. */
export class RNN extends RecurrentModule {
  constructor(options: RNNOptions) {
    const nonlinearity = options?.nonlinearity ?? "tanh";
    check(
      nonlinearity === "tanh" || nonlinearity === "relu",
      "RNN nonlinearity",
      '"tanh" or "relu"',
      nonlinearity,
    );
    super(nonlinearity === "relu" ? "rnn_relu" : "rnn_tanh", options);
  }
}

/** LSTM: gates i, f, g, o stacked in that order; forward also returns the final cell state c. */
export class LSTM extends RecurrentModule {
  constructor(options: LSTMOptions) {
    super("lstm", options);
  }

  override forward(
    x: tf.Tensor,
    h0?: tf.Tensor,
    c0?: tf.Tensor,
  ): RecurrentOutput & { c: tf.Tensor3D } {
    return super.forward(x, h0, c0) as RecurrentOutput & { c: tf.Tensor3D };
  }
}

/**
 * GRU: gates r, z, n stacked in that order, with PyTorch's n = tanh(W_in x + b_in + r * (W_hn
 * h + b_hn)).
 */
export class GRU extends RecurrentModule {
  constructor(options: Omit<RNNOptions, "nonlinearity">) {
    super("gru", options);
  }
}
