/**
 * Many-to-many: a recurrent layer (RNN, LSTM or GRU) whose hidden state at EVERY step is read by the same
 * Linear head, so a sequence of T inputs gives T predictions — e.g. the next value after each step, as
 * with `sequenceWindows`. x [B, T, inputSize] → [B, T, outputs].
 *
 *   const model = new EveryStepRegressor(new GRU({ inputSize: 1, hiddenSize: 16 }));
 *   await fit(model, new DataLoader(sequenceWindows(train, 50), { featureAxis: true }), { epochs: 5 });
 *
 * Its many-to-one sibling, reading only the last step, is `LastStepRegressor`.
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";
import { Linear } from "./linear";
import { Module } from "./module";
import { RecurrentModule } from "./rnn";

export class EveryStepRegressor extends Module {
  readonly head: Linear;

  constructor(
    readonly recurrent: RecurrentModule,
    outputs = 1,
  ) {
    super();
    check(recurrent instanceof RecurrentModule, "recurrent", "a recurrent layer such as new LSTM({ inputSize: 1, hiddenSize: 32 })", recurrent);
    this.addModule("recurrent", recurrent);
    this.head = this.addModule("head", new Linear(recurrent.hiddenSize, outputs));
  }

  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.head.forward(this.recurrent.forward(x).output));
  }
}
