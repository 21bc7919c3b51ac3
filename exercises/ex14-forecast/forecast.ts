/**
 * Exercise 14: autoregressive multi-step forecasting with an RNN.
 *
 * A model trained to predict one step ahead can forecast many: read the known history (warm-up, building the
 * memory), predict the next value, then feed that prediction back in as if it had been observed, again and
 * again. Errors feed back too, which is why long forecasts drift.
 */

import { NotImplementedError } from "rnn-course";

/** A one-input vanilla RNN (PyTorch's nn.RNN, tanh, its layout: wIh [H][1]) and a linear head (wHy [H], bHy). */
export interface RnnRegressor {
  wIh: number[][];
  wHh: number[][];
  bIh: number[];
  bHh: number[];
  wHy: number[];
  bHy: number;
}

/** One step: the next hidden state after reading value `x`, and the prediction it makes for the next value. */
export function predictStep(x: number, h: number[], m: RnnRegressor): { hidden: number[]; prediction: number } {
  throw new NotImplementedError("ex14-forecast.predictStep");
}

/**
 * `steps` future values, forecast autoregressively (lecture 07, "Autoregressive forecasting: feeding
 * predictions back"): the model reads all of `history` from the hidden state `h0`, then continues on its own.
 */
export function forecast(history: number[], steps: number, h0: number[], m: RnnRegressor): number[] {
  throw new NotImplementedError("ex14-forecast.forecast");
}
