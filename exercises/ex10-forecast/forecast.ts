/**
 * Exercise 10: autoregressive multi-step forecasting with an RNN.
 *
 * A model trained to predict one step ahead can forecast many: read the known history (warm-up, building the
 * memory), predict the next value, then feed that prediction back in as if it had been observed, again and
 * again. Errors feed back too, which is why long forecasts drift.
 */

import { NotImplementedError } from "rnn-course";

/** A one-input vanilla RNN (PyTorch layout, wIh [H][1]) with a linear head: y = w_hy·h + b_hy. */
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
  throw new NotImplementedError("ex10-forecast.predictStep");
}

/**
 * `steps` future values: run `predictStep` over every value of `history` (from `h0`), take the last prediction
 * as the first forecast, then feed each forecast back as the next input.
 */
export function forecast(history: number[], steps: number, h0: number[], m: RnnRegressor): number[] {
  throw new NotImplementedError("ex10-forecast.forecast");
}
