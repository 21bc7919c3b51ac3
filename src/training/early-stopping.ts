/**
 * Early stopping, for fit: watch the validation loss after every epoch, keep a copy of the weights
 * of the best epoch, stop once `patience` epochs have passed without an improvement larger than
 * `minDelta`, and put the best weights back.
 */
import * as tf from "@tensorflow/tfjs";
import type { Module } from "../nn/module";
import { formatLoss } from "./progress";

export class BestWeights {
  private best = Infinity;
  private bestEpoch = 0;
  private state: Record<string, tf.Tensor> | null = null;

  constructor(
    private readonly model: Module,
    private readonly patience: number,
    private readonly minDelta: number,
  ) {}

  /** Records this epoch's validation loss; true once `patience` epochs brought no better one. */
  stopAfter(epoch: number, valLoss: number): boolean {
    if (valLoss < this.best - this.minDelta) {
      this.best = valLoss;
      this.bestEpoch = epoch;
      this.dispose();
      this.state = this.model.stateDict();
    }
    return epoch - this.bestEpoch >= this.patience;
  }

  /** Puts the best weights back; returns a sentence saying what happened. */
  restore(stoppedEarly: boolean): string {
    if (!this.state) return "no finite validation loss: kept the last weights";
    this.model.loadStateDict(this.state);
    const when = stoppedEarly
      ? `stopped early after ${this.patience} epochs without improvement; `
      : "";
    const loss = formatLoss(this.best);
    return `${when}restored the weights of epoch ${this.bestEpoch} (validation loss ${loss})`;
  }

  dispose(): void {
    if (this.state) tf.dispose(Object.values(this.state));
    this.state = null;
  }
}
