import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { F, Adam, ArgumentError, Linear, Optimizer, SGD, clipGradNorm, seed } from "../src";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("clipGradNorm", () => {
  it("returns the total norm before clipping and scales every gradient to maxNorm", () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor2d([[0, 4]]) };
    expect(clipGradNorm(grads, 1)).toBeCloseTo(5, 6);
    expect(Array.from(grads.a.dataSync())[0]).toBeCloseTo(3 / (5 + 1e-6), 6);
    expect(Array.from(grads.b.dataSync())[1]).toBeCloseTo(4 / (5 + 1e-6), 6);
  });

  it("leaves gradients under the limit untouched, and works on arrays and the max norm", () => {
    const grads = [tf.tensor1d([0.3, -0.4])];
    const kept = grads[0];
    expect(clipGradNorm(grads, 1)).toBeCloseTo(0.5, 6);
    expect(grads[0]).toBe(kept);
    expect(clipGradNorm([tf.tensor1d([1, -7]), tf.tensor1d([2])], 100, Infinity)).toBe(7);
  });

  it("refuses a non-positive maxNorm", () => {
    expect(() => clipGradNorm([tf.scalar(1)], 0)).toThrow("maxNorm: expected a positive number, received 0");
  });
});

describe("optimizer.step", () => {
  function problem() {
    seed(1);
    const layer = new Linear(3, 1);
    const x = tf.tensor2d([[1, 2, 3], [0, -1, 1], [2, 0, -2], [1, 1, 1]]);
    const y = tf.tensor2d([[1], [0], [-1], [2]]);
    return { layer, loss: () => F.mseLoss(layer.forward(x), y) };
  }

  /** One training step as fit takes it: forward and loss, backward, clipping when asked, the update. */
  function trainStep(optimizer: Optimizer, loss: () => tf.Scalar, clip?: number): number {
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss, optimizer.parameters);
      if (clip !== undefined) clipGradNorm(grads, clip);
      optimizer.step(grads);
      return value.dataSync()[0];
    });
  }

  it("moves the parameters against their gradients: the loss falls", () => {
    const { layer, loss } = problem();
    const optimizer = new SGD(layer, { lr: 0.05 });
    const first = loss().dataSync()[0];
    expect(trainStep(optimizer, loss)).toBe(first);
    expect(loss().dataSync()[0]).toBeLessThan(first);
  });

  it("applies exactly p - lr·g with plain SGD", () => {
    const { layer, loss } = problem();
    const { grads } = tf.variableGrads(loss, layer.parameters());
    const expected = layer.parameters().map((p) => Array.from(tf.sub(p, tf.mul(grads[p.name], 0.5)).dataSync()));
    new SGD(layer, { lr: 0.5 }).step(grads);
    expect(layer.parameters().map((p) => Array.from(p.dataSync()))).toEqual(expected);
  });

  it("Adam's defaults are PyTorch's: the first step moves each parameter by about lr = 1e-3", () => {
    const { layer, loss } = problem();
    const before = layer.parameters().map((p) => Array.from(p.dataSync()));
    trainStep(new Adam(layer), loss);
    const moves = layer.parameters().flatMap((p, i) => Array.from(p.dataSync()).map((v, j) => Math.abs(v - before[i][j])));
    for (const move of moves) expect(move).toBeCloseTo(1e-3, 7);
  });

  it("makes no tensor it keeps, holds none, and leaves the gradients to the caller", () => {
    const { layer, loss } = problem();
    for (const optimizer of [new Adam(layer.parameters(), { lr: 0.01 }), new SGD(layer, { lr: 0.01, momentum: 0.9 })]) {
      const before = tf.memory().numTensors;
      for (let i = 0; i < 100; i++) {
        const { value, grads } = tf.variableGrads(loss, optimizer.parameters);
        const withGradients = tf.memory().numTensors;
        optimizer.step(grads);
        expect(tf.memory().numTensors).toBe(withGradients);
        expect(Object.values(grads).every((g) => !g.isDisposed)).toBe(true);
        tf.dispose([value, ...Object.values(grads)]);
      }
      expect(tf.memory().numTensors).toBe(before);
      optimizer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it("is bitwise deterministic: the same start and data give the same losses and parameters", () => {
    const run = () => {
      const { layer, loss } = problem();
      const optimizer = new Adam(layer, { lr: 0.01 });
      const losses = Array.from({ length: 20 }, () => trainStep(optimizer, loss));
      return { losses, params: layer.parameters().map((p) => Array.from(p.dataSync())) };
    };
    const [a, b] = [run(), run()];
    expect(b.losses).toEqual(a.losses);
    expect(b.params).toEqual(a.params);
    expect(a.losses[19]).toBeLessThan(a.losses[0]);
  });

  it("restarts from fresh moments after dispose, like a new Adam", () => {
    const { layer, loss } = problem();
    const reference = problem();
    const reused = new Adam(layer, { lr: 0.01 });
    trainStep(reused, loss);
    reference.layer.weight.assign(layer.weight);
    reference.layer.bias!.assign(layer.bias!);
    reused.dispose();
    trainStep(reused, loss);
    trainStep(new Adam(reference.layer, { lr: 0.01 }), reference.loss);
    expect(Array.from(layer.weight.dataSync())).toEqual(Array.from(reference.layer.weight.dataSync()));
  });

  it("skips parameters without a gradient and keeps the others' Adam state in place", () => {
    const { layer, loss } = problem();
    const unused = new Linear(2, 2);
    const frozen = Array.from(unused.weight.dataSync());
    const optimizer = new Adam([...unused.parameters(), ...layer.parameters()], { lr: 0.01 });
    const reference = problem();
    const alone = new Adam(reference.layer, { lr: 0.01 });
    for (let i = 0; i < 3; i++) {
      trainStep(optimizer, loss);
      trainStep(alone, reference.loss);
    }
    expect(Array.from(unused.weight.dataSync())).toEqual(frozen);
    expect(Array.from(layer.weight.dataSync())).toEqual(Array.from(reference.layer.weight.dataSync()));
  });

  it("after clipGradNorm, a step with SGD moves no further than lr · clip", () => {
    const { layer, loss } = problem();
    const before = layer.parameters().map((p) => p.clone());
    trainStep(new SGD(layer, { lr: 1 }), loss, 0.01);
    const squared = layer.parameters().reduce((s, p, i) => s + tf.sum(tf.square(tf.sub(p, before[i]))).dataSync()[0], 0);
    expect(Math.sqrt(squared)).toBeCloseTo(0.01, 5);
  });

  it("refuses what is not gradients, saying how to compute them, and changes nothing", () => {
    const { layer, loss } = problem();
    const optimizer = new SGD(layer, { lr: 0.1 });
    const before = Array.from(layer.weight.dataSync());
    expect(() => optimizer.step(loss as never)).toThrow(ArgumentError);
    expect(() => optimizer.step(loss as never)).toThrow(
      /^grads: expected the gradients by parameter name that tf.variableGrads returns, received function\. An optimizer only applies gradients; compute them first, e\.g\. const \{ value, grads \} = tf\.variableGrads/,
    );
    expect(() => optimizer.step(loss() as never)).toThrow(/^grads: expected the gradients by parameter name/);
    const other = new Linear(3, 1);
    const { grads } = tf.variableGrads(() => tf.sum(other.weight) as tf.Scalar, other.parameters());
    expect(() => optimizer.step(grads)).toThrow(/^grads: expected the gradients of this optimizer's parameters \(/);
    expect(Array.from(layer.weight.dataSync())).toEqual(before);
  });

  it("refuses bad settings with messages naming them", () => {
    const { layer } = problem();
    expect(() => new Adam(layer, { lr: -0.1 })).toThrow("lr: expected a positive learning rate, received -0.1");
    expect(() => new SGD(layer, { lr: 0.1, nesterov: true })).toThrow(/^nesterov: expected momentum > 0/);
    expect(() => new Adam(layer, { betas: [0.9, 1] })).toThrow(/^betas: expected two numbers in \[0, 1\)/);
    expect(() => new Adam([])).toThrow(/^parameters: expected a module or a non-empty array/);
  });
});
