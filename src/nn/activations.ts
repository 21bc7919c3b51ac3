/**
 * Activations as modules, for Sequential, printed like PyTorch's `ReLU()`: thin wrappers of
 * functional.ts.
 */
import * as tf from "@tensorflow/tfjs";
import { relu, sigmoid, tanh } from "./functional";
import { Module } from "./module";

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
