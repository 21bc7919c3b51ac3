/**
 * A recurrent layer (RNN, LSTM or GRU) with a Linear head reading its hidden states: the course's
 * two ways of turning a sequence into predictions.
 *
 * Many-to-one, `LastStepRegressor`: the head reads the state after the LAST step, so T inputs give
 * one prediction — the next value after a history window, or the answer of the recall task
 * (tasks.ts). x [B, T, inputSize] → [B, outputs].
 *
 *   const model = new LastStepRegressor(new RNN({ inputSize: 1, hiddenSize: 32 }));
 *   await fit(model, new DataLoader(historyWindows(train, 20), { featureAxis: true }), { epochs: 5 });
 *
 * Many-to-many, `EveryStepRegressor`: the same head reads the state at EVERY step, so T inputs give
 * T predictions — the next value after each step, as with `sequenceWindows`. x [B, T,
 * inputSize] → [B, T, outputs].
 *
 *   const model = new EveryStepRegressor(new GRU({ inputSize: 1, hiddenSize: 16 }));
 *   await fit(model, new DataLoader(sequenceWindows(train, 50), { featureAxis: true }), { epochs: 5 });
 *
 * After each backward pass, `model.recurrent.hiddenGradNorms` holds ‖∂L/∂h_t‖ for every step.
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";
import { Linear } from "./linear";
import { Module } from "./module";
import { RecurrentModule } from "./rnn";

/** What both regressors share: the recurrent layer (`recurrent.*`) and the head (`head.*`). */
abstract class RecurrentRegressor extends Module {
  readonly head: Linear;

  constructor(
    readonly recurrent: RecurrentModule,
    outputs = 1,
  ) {
    super();
    check(
      recurrent instanceof RecurrentModule,
      "recurrent",
      "a recurrent layer such as new LSTM({ inputSize: 1, hiddenSize: 32 })",
      recurrent,
    );
    this.addModule("recurrent", recurrent);
    this.head = this.addModule("head", new Linear(recurrent.hiddenSize, outputs));
  }
}

export class LastStepRegressor extends RecurrentRegressor {
  /** x [B, T, inputSize] → head(h_{T-1}) [B, outputs]. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const { output } = this.recurrent.forward(x);
      const [B, T, H] = output.shape;
      return this.head.forward(output.slice([0, T - 1, 0], [B, 1, H]).reshape([B, H]));
    });
  }
}

export class EveryStepRegressor extends RecurrentRegressor {
  /** x [B, T, inputSize] → head(h_t) for every t, [B, T, outputs]. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.head.forward(this.recurrent.forward(x).output));
  }
}
