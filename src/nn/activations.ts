/**
 * Activations as modules (for Sequential, printed like PyTorch's `ReLU()`) and as plain functions
 * (PyTorch's `F.relu`), both thin names for the tfjs ops.
 */
import * as tf from "@tensorflow/tfjs";
import { Module } from "./module";

export const relu = (x: tf.Tensor): tf.Tensor => tf.relu(x);
export const tanh = (x: tf.Tensor): tf.Tensor => tf.tanh(x);
export const sigmoid = (x: tf.Tensor): tf.Tensor => tf.sigmoid(x);

export class ReLU extends Module {
  forward(x: tf.Tensor): tf.Tensor {
    return relu(x);
  }
}

export class Tanh extends Module {
  forward(x: tf.Tensor): tf.Tensor {
    return tanh(x);
  }
}

export class Sigmoid extends Module {
  forward(x: tf.Tensor): tf.Tensor {
    return sigmoid(x);
  }
}
