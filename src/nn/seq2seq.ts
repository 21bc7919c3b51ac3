/**
 * Seq2Seq: an encoder–decoder for forecasting several steps ahead.
 *
 *   encoder  reads the input sequence x_1 .. x_L and keeps only its final state (h, and c for an LSTM):
 *            a fixed-size summary of everything it saw.
 *   decoder  a second recurrent layer, started from that state, that writes the future one step at a time.
 *            Its input at each step is its own previous prediction (the first one is the last observed
 *            value), so it is an autoregressive RNN; a linear head turns each hidden state into a value.
 *
 *   const model = new Seq2Seq(new GRU({ inputSize: 1, hiddenSize: 32 }), new GRU({ inputSize: 1, hiddenSize: 32 }), 12);
 *   model.forward(x)   // x [B, L, I] → [B, 12]
 *
 * Training runs the decoder on its own predictions too ("free running", no teacher forcing), so it
 * learns from the same kind of inputs it gets when forecasting. With L = 1 the same module is a
 * one-to-many model.
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";
import { Linear } from "./linear";
import { Module } from "./module";
import { LSTM, RecurrentModule } from "./rnn";

/** The encoder's summary of a sequence: final hidden state h, and c for an LSTM, each [1, B, H]. */
export interface EncoderState {
  h: tf.Tensor3D;
  c?: tf.Tensor3D;
}

export class Seq2Seq extends Module {
  readonly head: Linear;

  /**
   * Encoder and decoder must be the same kind of cell with the same hidden size; the decoder reads
   * 1 value.
   */
  constructor(
    readonly encoder: RecurrentModule,
    readonly decoder: RecurrentModule,
    readonly horizon: number,
  ) {
    super();
    const layer = "a one-layer recurrent module such as new GRU({ inputSize: 1, hiddenSize: 32 })";
    check(encoder instanceof RecurrentModule && encoder.numLayers === 1, "encoder", layer, encoder);
    check(decoder instanceof RecurrentModule && decoder.numLayers === 1, "decoder", layer, decoder);
    check(
      decoder.kind === encoder.kind,
      "decoder",
      `the encoder's kind of cell (${encoder.constructor.name}), so its state fits`,
      decoder.constructor.name,
    );
    check(
      decoder.hiddenSize === encoder.hiddenSize,
      "decoder.hiddenSize",
      `the encoder's (${encoder.hiddenSize})`,
      decoder.hiddenSize,
    );
    check(
      decoder.inputSize === 1,
      "decoder.inputSize",
      "1 (it reads its own previous prediction)",
      decoder.inputSize,
    );
    check(
      Number.isInteger(horizon) && horizon > 0,
      "horizon",
      "a positive integer (steps to forecast)",
      horizon,
    );
    this.addModule("encoder", encoder);
    this.addModule("decoder", decoder);
    this.head = this.addModule("head", new Linear(decoder.hiddenSize, 1));
  }

  /** x [B, L, inputSize] → the next `horizon` values [B, horizon]. */
  forward(x: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const state = this.encode(x); // checks x's shape
      const [B, L] = x.shape;
      return this.decode(state, x.slice([0, L - 1, 0], [B, 1, 1]), this.horizon);
    });
  }

  /** Runs the encoder over x [B, L, inputSize] and returns its final state. */
  encode(x: tf.Tensor): EncoderState {
    const { h, c } = this.encoder.forward(x);
    return this.encoder instanceof LSTM ? { h, c } : { h };
  }

  /**
   * Writes `steps` values from `state`, feeding each prediction back as the next input; `first` [B,
   * 1, 1] is the decoder's first input. Returns [B, steps].
   */
  decode(state: EncoderState, first: tf.Tensor, steps: number): tf.Tensor2D {
    check(Number.isInteger(steps) && steps > 0, "steps", "a positive integer", steps);
    return tf.tidy(() => {
      let { h, c } = state;
      let input = first;
      const predictions: tf.Tensor[] = [];
      for (let k = 0; k < steps; k++) {
        const step = this.decoder.forward(input, h, c);
        ({ h, c } = step);
        input = this.head.forward(step.output); // [B, 1, 1]: the prediction, and the next input
        predictions.push(input);
      }
      return tf.concat(predictions, 1).reshape([first.shape[0], steps]) as tf.Tensor2D;
    });
  }

  protected override describe(): string {
    return `horizon=${this.horizon}`;
  }
}
