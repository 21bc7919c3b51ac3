/**
 * Sequential: modules applied one after the other, PyTorch's nn.Sequential. Children are named "0",
 * "1", ... so parameter names (`0.weight`, `2.bias`) match a PyTorch state_dict.
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";
import { Module } from "./module";

export class Sequential extends Module {
  private readonly layers: Module[];

  constructor(...layers: Module[]) {
    super();
    layers.forEach((layer, i) => {
      check(layer instanceof Module, `layers[${i}]`, "a module instance such as new ReLU()", layer);
      this.addModule(String(i), layer);
    });
    this.layers = layers;
  }

  get length(): number {
    return this.layers.length;
  }

  /** The i-th layer, like PyTorch's `model[i]`. */
  at(i: number): Module {
    check(
      Number.isInteger(i) && i >= 0 && i < this.layers.length,
      "i",
      `an index in [0, ${this.layers.length})`,
      i,
    );
    return this.layers[i];
  }

  forward(x: tf.Tensor): tf.Tensor {
    // tidy frees the activations between layers; those the backward pass needs are kept by tfjs.
    return tf.tidy(() =>
      this.layers.reduce((h, layer, i) => {
        const out = layer.forward(h);
        check(out instanceof tf.Tensor, `Sequential layer (${i})`, "to return one tensor", out);
        return out;
      }, x),
    );
  }
}
