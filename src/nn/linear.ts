/**
 * Linear: y = x·Wᵀ + b, PyTorch's nn.Linear. The weight is stored as PyTorch stores it, [out, in],
 * so a PyTorch state_dict loads by name; both weight and bias start uniform in ±1/√in (PyTorch's
 * default), drawn from the seeded generator so `seed(n)` makes a model reproducible.
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";
import { uniformArray } from "../seed";
import { Module } from "./module";

export class Linear extends Module {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    bias = true,
  ) {
    super();
    check(
      Number.isInteger(inFeatures) && inFeatures > 0,
      "inFeatures",
      "a positive integer",
      inFeatures,
    );
    check(
      Number.isInteger(outFeatures) && outFeatures > 0,
      "outFeatures",
      "a positive integer",
      outFeatures,
    );
    const bound = 1 / Math.sqrt(inFeatures);
    this.weight = this.addParameter(
      "weight",
      tf.tensor2d(uniformArray(outFeatures * inFeatures, bound), [outFeatures, inFeatures]),
    );
    this.bias = bias
      ? this.addParameter("bias", tf.tensor1d(uniformArray(outFeatures, bound)))
      : null;
  }

  /**
   * x: [..., inFeatures] → [..., outFeatures] (any number of leading dimensions, as in PyTorch).
   */
  forward(x: tf.Tensor): tf.Tensor {
    check(
      x instanceof tf.Tensor && x.rank >= 1 && x.shape[x.rank - 1] === this.inFeatures,
      `Linear(in_features=${this.inFeatures})`,
      `input with last dimension ${this.inFeatures}`,
      x,
    );
    return tf.tidy(() => {
      // matMul wants a matrix: fold the leading dimensions into one and unfold them afterwards.
      const rows = x.rank === 2 ? x : x.reshape([-1, this.inFeatures]);
      // x·Wᵀ as one transposed product (at the course's sizes no faster form of it was found).
      const y = tf.matMul(rows, this.weight, false, true);
      const out = this.bias ? y.add(this.bias) : y;
      return x.rank === 2 ? out : out.reshape([...x.shape.slice(0, -1), this.outFeatures]);
    });
  }

  protected override describe(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias ? "True" : "False"}`;
  }
}
