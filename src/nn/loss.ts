/** Mean squared error, PyTorch's nn.MSELoss() (reduction "mean"). */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";

/**
 * mean((prediction - target)²) over every element. Shapes must be equal: PyTorch would silently broadcast
 * [32, 1] against [32] into a [32, 32] difference, a classic bug, so here it is an error.
 */
export function mseLoss(prediction: tf.Tensor, target: tf.Tensor): tf.Scalar {
  check(prediction instanceof tf.Tensor, "prediction", "a tensor", prediction);
  check(target instanceof tf.Tensor, "target", "a tensor", target);
  check(
    prediction.shape.length === target.shape.length && prediction.shape.every((d, i) => d === target.shape[i]),
    "target",
    `the prediction's shape [${prediction.shape.join(", ")}]`,
    target,
  );
  return tf.tidy(() => tf.mean(tf.squaredDifference(prediction, target)) as tf.Scalar);
}
