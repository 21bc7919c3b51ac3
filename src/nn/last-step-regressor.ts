/**
 * Many-to-one: a recurrent layer (RNN, LSTM or GRU) whose hidden state after the LAST step is read by a
 * Linear head, so a sequence of T inputs gives one prediction — e.g. the next value after a history window,
 * or the answer of the recall task (tasks.ts). x [B, T, inputSize] → [B, outputs].
 *
 *   const model = new LastStepRegressor(new RNN({ inputSize: 1, hiddenSize: 32 }));
 *   await fit(model, new DataLoader(historyWindows(train, 20), { featureAxis: true }), { epochs: 5 });
 *
 * After each backward pass, `model.recurrent.hiddenGradNorms` holds ‖∂L/∂h_t‖ for every step.
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";
import { Linear } from "./linear";
import { Module } from "./module";
import { RecurrentModule } from "./rnn";

export class LastStepRegressor extends Module {
  readonly head: Linear;

  constructor(
    readonly recurrent: RecurrentModule,
    outputs = 1,
  ) {
    super();
    check(recurrent instanceof RecurrentModule, "recurrent", "a recurrent layer such as new RNN({ inputSize: 1, hiddenSize: 32 })", recurrent);
    this.addModule("recurrent", recurrent);
    this.head = this.addModule("head", new Linear(recurrent.hiddenSize, outputs));
  }

  /** x [B, T, inputSize] → head(h_{T-1}) [B, outputs]. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const { output } = this.recurrent.forward(x);
      const [B, T, H] = output.shape;
      return this.head.forward(output.slice([0, T - 1, 0], [B, 1, H]).reshape([B, H]));
    });
  }
}
