/**
 * Functions of tensors, PyTorch's `torch.nn.functional`: the library exports them as `F`, so a
 * notebook writes `F.relu(x)` or `F.mseLoss(prediction, target)` beside tfjs's own `tf.relu`
 * without either name hiding the other. The activation modules (activations.ts) call these.
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";

export const relu = (x: tf.Tensor): tf.Tensor => tf.relu(x);
export const tanh = (x: tf.Tensor): tf.Tensor => tf.tanh(x);
export const sigmoid = (x: tf.Tensor): tf.Tensor => tf.sigmoid(x);

/**
 * Mean squared error, PyTorch's F.mse_loss (reduction "mean"): mean((prediction - target)²) over
 * every element. Shapes must be equal: PyTorch would silently broadcast [32, 1] against [32] into a
 * [32, 32] difference, a classic bug, so here it is an error.
 */
export function mseLoss(prediction: tf.Tensor, target: tf.Tensor): tf.Scalar {
  check(prediction instanceof tf.Tensor, "prediction", "a tensor", prediction);
  check(target instanceof tf.Tensor, "target", "a tensor", target);
  check(
    prediction.shape.length === target.shape.length &&
      prediction.shape.every((d, i) => d === target.shape[i]),
    "target",
    `the prediction's shape [${prediction.shape.join(", ")}]`,
    target,
  );
  return tf.tidy(() => tf.mean(tf.squaredDifference(prediction, target)) as tf.Scalar);
}
