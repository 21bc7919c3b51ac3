/** Gradient-norm clipping, PyTorch's torch.nn.utils.clip_grad_norm_. */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";

/**
 * Scales all gradients together so that their total norm (the norm of the vector of every gradient
 * entry) is at most `maxNorm`, and returns the total norm measured BEFORE clipping, as PyTorch
 * does. tfjs tensors are immutable, so "in place" means each entry of `grads` is replaced by its
 * scaled copy (and the old tensor disposed). Works on the map `tf.variableGrads` returns or on an
 * array.
 */
export function clipGradNorm(
  grads: tf.NamedTensorMap | tf.Tensor[],
  maxNorm: number,
  normType = 2,
): number {
  check(Number.isFinite(maxNorm) && maxNorm > 0, "maxNorm", "a positive number", maxNorm);
  check(
    normType === Infinity || (Number.isFinite(normType) && normType > 0),
    "normType",
    "a positive number or Infinity",
    normType,
  );
  const entries = grads as Record<string, tf.Tensor>;
  const keys = Object.keys(entries);
  if (keys.length === 0) return 0;
  const total = tf.tidy(
    () =>
      totalNorm(
        keys.map((k) => entries[k]),
        normType,
      ).dataSync()[0],
  );
  // Same formula as PyTorch: the 1e-6 keeps the division finite; a factor of 1 would change
  // nothing.
  const factor = maxNorm / (total + 1e-6);
  if (factor < 1 || Number.isNaN(factor)) {
    for (const k of keys) {
      const old = entries[k];
      entries[k] = tf.mul(old, factor);
      old.dispose();
    }
  }
  return total;
}

function totalNorm(tensors: tf.Tensor[], p: number): tf.Scalar {
  if (p === Infinity) return tf.max(tf.stack(tensors.map((g) => tf.max(tf.abs(g))))) as tf.Scalar;
  const sums = tensors.map((g) => tf.sum(tf.pow(tf.abs(g), p)));
  return tf.pow(tf.addN(sums), 1 / p) as tf.Scalar;
}
