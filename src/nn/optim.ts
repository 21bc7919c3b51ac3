/**
 * Optimisers with PyTorch's semantics and defaults, applied by tfjs's own optimisers underneath.
 *
 * Checked against PyTorch 1.13 (test/nn-parity.test.ts): tf.train.adam computes exactly PyTorch's update,
 * p -= lr · m̂ / (√v̂ + eps) with bias-corrected moments m̂ = m / (1 - β1^t), v̂ = v / (1 - β2^t) — the epsilon
 * is added after the square root in both — but its default epsilon is the backend's (1e-7 on cpu), so
 * PyTorch's 1e-8 is passed explicitly. tf.train.momentum matches torch.optim.SGD with momentum
 * (dampening 0, including Nesterov); plain SGD is tf.train.sgd.
 *
 * The training step reads like PyTorch's closure form:
 *   const loss = optimizer.step(() => mseLoss(model.forward(x), y));
 * It computes the gradients of every parameter (tf.variableGrads), optionally clips them, applies them,
 * frees every intermediate tensor and returns the loss as a plain number (nothing to dispose).
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError, check } from "../errors";
import { clipGradNorm } from "./clip";
import { Module } from "./module";

export interface StepOptions {
  /** Clip the gradients' total L2 norm to this value before the update (clipGradNorm). */
  clip?: number;
  /** Where this step is, e.g. "epoch 3, step 12": named in the error if the loss is not finite. */
  at?: string;
}

export abstract class Optimizer {
  readonly parameters: tf.Variable[];

  protected constructor(
    parameters: Module | tf.Variable[],
    private readonly inner: tf.Optimizer,
  ) {
    this.parameters = parameters instanceof Module ? parameters.parameters() : parameters;
    check(
      Array.isArray(this.parameters) && this.parameters.length > 0 && this.parameters.every((p) => p instanceof tf.Variable),
      "parameters",
      "a module or a non-empty array of its parameters (model.parameters())",
      parameters,
    );
  }

  /**
   * One training step: loss() is evaluated, differentiated with respect to every parameter, and the
   * update applied. Returns the loss (a number). A NaN or infinite loss (or gradient norm, when clipping)
   * throws an ArgumentError and skips the update, so the parameters keep their last finite values.
   */
  step(loss: () => tf.Scalar, { clip, at }: StepOptions = {}): number {
    check(typeof loss === "function", "loss", "a function returning the loss, e.g. () => mseLoss(model.forward(x), y)", loss);
    check(clip === undefined || (Number.isFinite(clip) && clip > 0), "clip", "a positive number (the largest gradient norm)", clip);
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss, this.parameters);
      const lossValue = value.dataSync()[0];
      if (!Number.isFinite(lossValue)) throw nonFinite("loss", lossValue, at);
      if (clip !== undefined) {
        const norm = clipGradNorm(grads, clip);
        if (!Number.isFinite(norm)) throw nonFinite("gradient norm", norm, at);
      }
      // Every parameter in a fixed order: tfjs keeps optimiser state (Adam's moments) by position.
      const ordered = this.parameters.map((p) => ({ name: p.name, tensor: grads[p.name] }));
      this.inner.applyGradients(ordered as Parameters<tf.Optimizer["applyGradients"]>[0]);
      return lossValue;
    });
  }

  /** Frees the optimiser's state (Adam's moments, momentum buffers). */
  dispose(): void {
    this.inner.dispose();
  }
}

function nonFinite(what: string, value: number, at?: string): ArgumentError {
  return new ArgumentError(
    at ? `${what} at ${at}` : what,
    "a finite number",
    value,
    "The update was skipped, so the parameters keep their last finite values. " +
      "Try a lower learning rate, gradient clipping, or check the data for NaN",
  );
}

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
}

/** torch.optim.Adam: lr 1e-3, betas (0.9, 0.999), eps 1e-8 by default. */
export class Adam extends Optimizer {
  constructor(parameters: Module | tf.Variable[], { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8 }: AdamOptions = {}) {
    checkRate(lr);
    check(Array.isArray(betas) && betas.length === 2 && betas.every((b) => b >= 0 && b < 1), "betas", "two numbers in [0, 1)", betas);
    check(Number.isFinite(eps) && eps >= 0, "eps", "a non-negative number", eps);
    super(parameters, tf.train.adam(lr, betas[0], betas[1], eps));
  }
}

export interface SGDOptions {
  lr: number;
  momentum?: number;
  nesterov?: boolean;
}

/** torch.optim.SGD: lr is required, momentum 0 (plain gradient descent) unless given. */
export class SGD extends Optimizer {
  constructor(parameters: Module | tf.Variable[], { lr, momentum = 0, nesterov = false }: SGDOptions) {
    checkRate(lr);
    check(Number.isFinite(momentum) && momentum >= 0, "momentum", "a non-negative number", momentum);
    check(!nesterov || momentum > 0, "nesterov", "momentum > 0 (Nesterov momentum needs momentum)", momentum);
    super(parameters, momentum > 0 ? tf.train.momentum(lr, momentum, nesterov) : tf.train.sgd(lr));
  }
}

function checkRate(lr: number): void {
  check(typeof lr === "number" && Number.isFinite(lr) && lr > 0, "lr", "a positive learning rate", lr);
}
