/**
 * Optimisers with PyTorch's semantics and defaults: Adam and SGD (with momentum and Nesterov),
 * updated element by element over Float32Arrays.
 *
 * As in PyTorch, an optimiser only applies gradients. The training loop computes them (forward and
 * loss inside tf.variableGrads, which then runs them backward), clips them if it wants, then steps:
 *   const { value, grads } = tf.variableGrads(() => F.mseLoss(model.forward(x), y));
 *   clipGradNorm(grads, 1);
 *   optimizer.step(grads);
 *   tf.dispose([value, ...Object.values(grads)]);
 * `fit` (training/fit.ts) is that loop.
 *
 * Why not tf.train.adam: at the course's sizes a training step costs per-op overhead, not
 * arithmetic, and tf.train.adam runs about a dozen tiny tfjs ops per parameter, plus state tensors
 * to track. This loop reads each gradient once, updates m, v and the parameter's values in one pass
 * and writes them back with one `assign`: a few passes over arrays instead of dozens of op calls.
 * It is bitwise deterministic, and it holds no tensors.
 *
 * The update is PyTorch 1.13's (torch.optim.Adam, checked in test/nn-parity.test.ts):
 *   m ← β1·m + (1-β1)·g,  v ← β2·v + (1-β2)·g²,  p ← p - (lr / (1-β1^t)) · m / (√v / √(1-β2^t) + eps)
 * with the step count t kept per parameter (a parameter without a gradient keeps its state, as in
 * PyTorch), and the bias corrections computed in double precision as Python does. Each element's
 * update is computed in double precision and stored as float32 (m, v and the parameter), which
 * lands closer to PyTorch's float32 results than tf.train.adam's float32 ops.
 */
import * as tf from "@tensorflow/tfjs";
import { check, checkOptions } from "../errors";
import { fastPath } from "../fast-path";
import { Module } from "./module";

export abstract class Optimizer {
  readonly parameters: tf.Variable[];

  protected constructor(parameters: Module | tf.Variable[]) {
    this.parameters = parameters instanceof Module ? parameters.parameters() : parameters;
    check(
      Array.isArray(this.parameters) &&
        this.parameters.length > 0 &&
        this.parameters.every((p) => p instanceof tf.Variable),
      "parameters",
      "a module or a non-empty array of its parameters (model.parameters())",
      parameters,
    );
  }

  /**
   * Moves parameter number `index` against its gradient: `values` is a copy of the parameter,
   * updated in place. State such as Adam's moments lives in the subclass, keyed by `index`.
   */
  protected abstract update(index: number, values: Float32Array, grad: Float32Array): void;

  /**
   * Moves every parameter against its gradient in `grads`, the gradients by parameter name that
   * `tf.variableGrads` returns. A parameter without one is left alone, and so is its state (as in
   * PyTorch). The gradients stay the caller's to dispose.
   */
  step(grads: tf.NamedTensorMap): void {
    checkGradients(grads);
    const trained = this.parameters.flatMap((p, index) => (grads[p.name] ? [{ p, index }] : []));
    const names = this.parameters.map((p) => p.name);
    check(
      trained.length > 0,
      "grads",
      `the gradients of this optimizer's parameters (${names.join(", ")})`,
      grads,
    );
    // Read together: on a GPU backend that is one wait for the device, not one per tensor.
    const read = fastPath.readAll([
      ...trained.map(({ p }) => grads[p.name]),
      ...trained.map(({ p }) => p),
    ]) as Float32Array[];
    trained.forEach(({ p, index }, i) => {
      const values = read[trained.length + i].slice();
      this.update(index, values, read[i]);
      const next = tf.tensor(values, p.shape, "float32");
      p.assign(next);
      next.dispose();
    });
  }

  /** Forgets the optimiser's state (Adam's moments, momentum buffers: typed arrays, no tensors). */
  abstract dispose(): void;
}

function checkGradients(grads: unknown): asserts grads is tf.NamedTensorMap {
  const isMap =
    typeof grads === "object" &&
    grads !== null &&
    !(grads instanceof tf.Tensor) &&
    !Array.isArray(grads);
  check(
    isMap && Object.values(grads).every((g) => g instanceof tf.Tensor),
    "grads",
    "the gradients by parameter name that tf.variableGrads returns",
    grads,
    "An optimizer only applies gradients; compute them first, e.g. " +
      "const { value, grads } = tf.variableGrads(() => F.mseLoss(model.forward(x), y), model.parameters())",
  );
}

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
}

/**
 * Adam's running averages of one parameter's gradient (m) and squared gradient (v), after `t`
 * steps.
 */
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
    check(
      Array.isArray(betas) && betas.length === 2 && betas.every((b) => b >= 0 && b < 1),
      "betas",
      "two numbers in [0, 1)",
      betas,
    );
    check(Number.isFinite(eps) && eps >= 0, "eps", "a non-negative number", eps);
    super(parameters);
    [this.lr, this.betas, this.eps] = [lr, [betas[0], betas[1]], eps];
  }

  protected update(index: number, p: Float32Array, g: Float32Array): void {
    const state = (this.moments[index] ??= {
      t: 0,
      m: new Float32Array(p.length),
      v: new Float32Array(p.length),
    });
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

/**
 * torch.optim.SGD: lr is required, momentum 0 (plain gradient descent) unless given; no dampening.
 */
export class SGD extends Optimizer {
  private readonly lr: number;
  private readonly momentum: number;
  private readonly nesterov: boolean;
  /**
   * One momentum buffer per parameter: PyTorch starts it at the first gradient (β·0 + g is the
   * same).
   */
  private buffers: Float32Array[] = [];

  constructor(parameters: Module | tf.Variable[], options: SGDOptions) {
    checkOptions(options, ["lr", "momentum", "nesterov"], "SGD options");
    const { lr, momentum = 0, nesterov = false } = options;
    checkRate(lr);
    check(
      Number.isFinite(momentum) && momentum >= 0,
      "momentum",
      "a non-negative number",
      momentum,
    );
    check(
      !nesterov || momentum > 0,
      "nesterov",
      "momentum > 0 (Nesterov momentum needs momentum)",
      momentum,
    );
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
  check(
    typeof lr === "number" && Number.isFinite(lr) && lr > 0,
    "lr",
    "a positive learning rate",
    lr,
  );
}
