/**
 * Optimisers with PyTorch's semantics and defaults: Adam and SGD (with momentum and Nesterov), updated
 * element by element over Float32Arrays.
 *
 * The training step reads like PyTorch's closure form:
 *   const loss = optimizer.step(() => F.mseLoss(model.forward(x), y));
 * It computes the gradients of every parameter (tf.variableGrads), optionally clips them, applies them,
 * frees every tensor it made and returns the loss as a plain number (nothing to dispose).
 *
 * Why not tf.train.adam: at the course's sizes a training step costs per-op overhead, not arithmetic, and
 * tf.train.adam runs about a dozen tiny tfjs ops per parameter, plus state tensors to track. This loop reads
 * each gradient once, updates m, v and the parameter's values in one pass and writes them back with one
 * `assign`: a few passes over arrays instead of dozens of op calls. It is bitwise deterministic, and it holds
 * no tensors.
 *
 * The update is PyTorch 1.13's (torch.optim.Adam, checked in test/nn-parity.test.ts):
 *   m ← β1·m + (1-β1)·g,  v ← β2·v + (1-β2)·g²,  p ← p - (lr / (1-β1^t)) · m / (√v / √(1-β2^t) + eps)
 * with the step count t kept per parameter (a parameter without a gradient keeps its state, as in
 * PyTorch), and the bias corrections computed in double precision as Python does. Each element's update
 * is computed in double precision and stored as float32 (m, v and the parameter), which lands closer to
 * PyTorch's float32 results than tf.train.adam's float32 ops.
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError, check, checkOptions } from "../errors";
import { fastPath } from "../fast-path";
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

  protected constructor(parameters: Module | tf.Variable[]) {
    this.parameters = parameters instanceof Module ? parameters.parameters() : parameters;
    check(
      Array.isArray(this.parameters) && this.parameters.length > 0 && this.parameters.every((p) => p instanceof tf.Variable),
      "parameters",
      "a module or a non-empty array of its parameters (model.parameters())",
      parameters,
    );
  }

  /**
   * Moves parameter number `index` against its gradient: `values` is a copy of the parameter, updated in
   * place. State such as Adam's moments lives in the subclass, keyed by `index`.
   */
  protected abstract update(index: number, values: Float32Array, grad: Float32Array): void;

  /**
   * One training step: loss() is evaluated, differentiated with respect to every parameter, and the
   * update applied. Returns the loss (a number). A NaN or infinite loss (or gradient norm, when clipping)
   * throws an ArgumentError and skips the update, so the parameters keep their last finite values.
   */
  step(loss: () => tf.Scalar, options: StepOptions = {}): number {
    checkOptions(options, ["clip", "at"], "step options");
    const { clip, at } = options;
    check(typeof loss === "function", "loss", "a function returning the loss, e.g. () => mseLoss(model.forward(x), y)", loss);
    check(clip === undefined || (Number.isFinite(clip) && clip > 0), "clip", "a positive number (the largest gradient norm)", clip);
    const { lossValue, grads, values: current } = this.gradients(loss, clip, at);
    this.parameters.forEach((p, i) => {
      const grad = grads[i];
      if (!grad) return; // not used by the loss: PyTorch leaves it (and its state) alone
      const values = current[i].slice();
      this.update(i, values, grad);
      const next = tf.tensor(values, p.shape, "float32");
      p.assign(next);
      next.dispose();
    });
    return lossValue;
  }

  /**
   * The loss, each parameter's gradient as a Float32Array (undefined without one), clipped if asked, and each
   * parameter's values. They are read together: on a GPU backend that is one wait for the device, not one each.
   */
  private gradients(loss: () => tf.Scalar, clip: number | undefined, at: string | undefined) {
    // variableGrads frees its intermediates itself; the loss and the gradients are freed below. (No
    // tf.tidy around it: tidy would walk every element of the arrays returned.)
    const { value, grads } = tf.variableGrads(loss, this.parameters);
    try {
      if (clip !== undefined) {
        const lossValue = value.dataSync()[0];
        if (!Number.isFinite(lossValue)) throw nonFinite("loss", lossValue, at);
        const norm = clipGradNorm(grads, clip);
        if (!Number.isFinite(norm)) throw nonFinite("gradient norm", norm, at);
      }
      const withGrad = this.parameters.filter((p) => grads[p.name]);
      const [lossValues, ...read] = fastPath.readAll([value, ...withGrad.map((p) => grads[p.name]), ...withGrad]) as Float32Array[];
      const lossValue = lossValues[0];
      if (!Number.isFinite(lossValue)) throw nonFinite("loss", lossValue, at);
      const gradOf = new Map(withGrad.map((p, i) => [p, read[i]]));
      const valuesOf = new Map(withGrad.map((p, i) => [p, read[withGrad.length + i]]));
      return {
        lossValue,
        grads: this.parameters.map((p) => gradOf.get(p)),
        values: this.parameters.map((p) => valuesOf.get(p) as Float32Array),
      };
    } finally {
      tf.dispose([value, ...Object.values(grads)]);
    }
  }

  /** Forgets the optimiser's state (Adam's moments, momentum buffers: typed arrays, no tensors). */
  abstract dispose(): void;
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

/** Adam's running averages of one parameter's gradient (m) and squared gradient (v), after `t` steps. */
interface Moments {
  t: number;
  m: Float32Array;
  v: Float32Array;
}

/** torch.optim.Adam: lr 1e-3, betas (0.9, 0.999), eps 1e-8 by default. */
export class Adam extends Optimizer {
  private readonly lr: number;
  private readonly betas: [number, number];
  private readonly eps: number;
  private moments: Moments[] = [];

  constructor(parameters: Module | tf.Variable[], options: AdamOptions = {}) {
    checkOptions(options, ["lr", "betas", "eps"], "Adam options");
    const { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8 } = options;
    checkRate(lr);
    check(Array.isArray(betas) && betas.length === 2 && betas.every((b) => b >= 0 && b < 1), "betas", "two numbers in [0, 1)", betas);
    check(Number.isFinite(eps) && eps >= 0, "eps", "a non-negative number", eps);
    super(parameters);
    [this.lr, this.betas, this.eps] = [lr, [betas[0], betas[1]], eps];
  }

  protected update(index: number, p: Float32Array, g: Float32Array): void {
    const state = (this.moments[index] ??= { t: 0, m: new Float32Array(p.length), v: new Float32Array(p.length) });
    const { m, v } = state;
    const [beta1, beta2] = this.betas;
    const eps = this.eps;
    const t = ++state.t;
    const stepSize = this.lr / (1 - beta1 ** t);
    const correction2 = Math.sqrt(1 - beta2 ** t);
    for (let i = 0; i < p.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      p[i] -= stepSize * (m[i] / (Math.sqrt(v[i]) / correction2 + eps));
    }
  }

  dispose(): void {
    this.moments = [];
  }
}

export interface SGDOptions {
  lr: number;
  momentum?: number;
  nesterov?: boolean;
}

/** torch.optim.SGD: lr is required, momentum 0 (plain gradient descent) unless given; no dampening. */
export class SGD extends Optimizer {
  private readonly lr: number;
  private readonly momentum: number;
  private readonly nesterov: boolean;
  /** One momentum buffer per parameter: PyTorch starts it at the first gradient (β·0 + g is the same). */
  private buffers: Float32Array[] = [];

  constructor(parameters: Module | tf.Variable[], options: SGDOptions) {
    checkOptions(options, ["lr", "momentum", "nesterov"], "SGD options");
    const { lr, momentum = 0, nesterov = false } = options;
    checkRate(lr);
    check(Number.isFinite(momentum) && momentum >= 0, "momentum", "a non-negative number", momentum);
    check(!nesterov || momentum > 0, "nesterov", "momentum > 0 (Nesterov momentum needs momentum)", momentum);
    super(parameters);
    [this.lr, this.momentum, this.nesterov] = [lr, momentum, nesterov];
  }

  protected update(index: number, p: Float32Array, g: Float32Array): void {
    const { lr, momentum, nesterov } = this;
    if (momentum === 0) {
      for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
      return;
    }
    const buffer = (this.buffers[index] ??= new Float32Array(p.length));
    for (let i = 0; i < p.length; i++) {
      buffer[i] = momentum * buffer[i] + g[i];
      p[i] -= lr * (nesterov ? g[i] + momentum * buffer[i] : buffer[i]);
    }
  }

  dispose(): void {
    this.buffers = [];
  }
}

function checkRate(lr: number): void {
  check(typeof lr === "number" && Number.isFinite(lr) && lr > 0, "lr", "a positive learning rate", lr);
}
