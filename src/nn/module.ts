/**
 * Module: the PyTorch idea of a model as a tree of named parameters with a forward function.
 * Parameters are tfjs variables, so tfjs optimisers and `tf.variableGrads` work on them directly.
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError, check } from "../errors";

export abstract class Module {
  training = true;
  private readonly ownParameters = new Map<string, tf.Variable>();
  private readonly children = new Map<string, Module>();

  abstract forward(...inputs: tf.Tensor[]): tf.Tensor | tf.Tensor[];

  /**
   * Registers a trainable tensor under `name` (PyTorch's nn.Parameter) and returns the variable.
   */
  protected addParameter(name: string, value: tf.Tensor): tf.Variable {
    check(
      !this.ownParameters.has(name),
      "name",
      "a parameter name not used yet in this module",
      name,
    );
    const variable = tf.variable(value, true);
    value.dispose();
    this.ownParameters.set(name, variable);
    return variable;
  }

  /** Registers a sub-module under `name`, so its parameters are named `name.<param>`. */
  protected addModule<M extends Module>(name: string, module: M): M {
    check(!this.children.has(name), "name", "a sub-module name not used yet in this module", name);
    this.children.set(name, module);
    return module;
  }

  /** Parameters with PyTorch-style dotted names, e.g. `layers.0.weight`, in registration order. */
  namedParameters(prefix = ""): [string, tf.Variable][] {
    const own: [string, tf.Variable][] = [...this.ownParameters].map(([n, v]) => [prefix + n, v]);
    const nested = [...this.children].flatMap(([n, m]) => m.namedParameters(`${prefix}${n}.`));
    return [...own, ...nested];
  }

  parameters(): tf.Variable[] {
    return this.namedParameters().map(([, v]) => v);
  }

  namedChildren(): [string, Module][] {
    return [...this.children];
  }

  /** Number of trainable scalars. */
  parameterCount(): number {
    return this.parameters().reduce((n, p) => n + p.size, 0);
  }

  train(mode = true): this {
    this.training = mode;
    for (const child of this.children.values()) child.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Releases every parameter's memory. The module cannot be used afterwards. */
  dispose(): void {
    for (const p of this.parameters()) p.dispose();
  }

  /** A one-line description used by `toString`, like PyTorch's `extra_repr`. */
  protected describe(): string {
    return "";
  }

  /** PyTorch-style printout: `Sequential(\n  (0): Linear(in_features=1, ...)\n)`. */
  toString(): string {
    const name = this.constructor.name;
    const extra = this.describe();
    const children = [...this.children].map(
      ([n, m]) => `(${n}): ${m.toString().replace(/\n/g, "\n  ")}`,
    );
    if (children.length === 0) return `${name}(${extra})`;
    const lines = extra ? [extra, ...children] : children;
    return `${name}(\n  ${lines.join("\n  ")}\n)`;
  }

  /**
   * Copies of every parameter by its PyTorch name (`0.weight`, `layers.2.bias`, ...), like
   * PyTorch's `state_dict()`. They are copies, so later training does not change them; the caller
   * disposes them (`tf.dispose(Object.values(state))`).
   */
  stateDict(): Record<string, tf.Tensor> {
    return Object.fromEntries(this.namedParameters().map(([n, v]) => [n, v.clone()]));
  }

  /**
   * Sets every parameter from `state` by name, like PyTorch's `load_state_dict(strict=True)`: the
   * names must be exactly this module's and every shape must match. Values may be tensors or nested
   * number arrays (a PyTorch state_dict turned into lists). Nothing is changed unless everything
   * fits. `argument` is what error messages call `state` (e.g. "stateDict" when loading for
   * fromTorchStateDict).
   */
  loadStateDict(state: Record<string, tf.Tensor | tf.TensorLike>, argument = "state"): void {
    check(
      typeof state === "object" && state !== null,
      argument,
      "an object mapping parameter names to values",
      state,
    );
    const parameters = new Map(this.namedParameters());
    const given = Object.keys(state);
    const missing = [...parameters.keys()].filter((n) => !given.includes(n));
    const unexpected = given.filter((n) => !parameters.has(n));
    if (missing.length > 0 || unexpected.length > 0) {
      const problems = [
        missing.length ? `Missing: ${missing.join(", ")}.` : "",
        unexpected.length ? `Unexpected: ${unexpected.join(", ")}.` : "",
      ];
      throw new ArgumentError(
        argument,
        `exactly the parameter names of ${this.constructor.name} (${[...parameters.keys()].join(", ")})`,
        state,
        problems.filter(Boolean).join(" "),
      );
    }
    const values = tf.tidy(() => given.map((n) => toFloatTensor(state[n], `${argument}["${n}"]`)));
    try {
      values.forEach((value, i) => {
        const target = parameters.get(given[i])!;
        check(
          sameShape(value.shape, target.shape),
          `${argument}["${given[i]}"]`,
          `shape [${target.shape.join(", ")}]`,
          value,
        );
      });
      values.forEach((value, i) => parameters.get(given[i])!.assign(value));
    } finally {
      tf.dispose(values);
    }
  }
}

/** A tensor, or numbers nested in arrays (tensor.tolist() in PyTorch), as a float32 tensor. */
function toFloatTensor(value: unknown, argument: string): tf.Tensor {
  if (value instanceof tf.Tensor) return tf.cast(value, "float32");
  const { shape, flat } = flatten(value, argument);
  return tf.tensor(flat, shape, "float32");
}

/**
 * Nested arrays (or typed arrays) of numbers → their shape and their numbers in row-major order.
 * Checked here because tf.tensor would quietly accept ragged rows, strings or nulls and load
 * garbage.
 */
function flatten(value: unknown, argument: string): { shape: number[]; flat: number[] } {
  const isList = (v: unknown): v is ArrayLike<unknown> =>
    Array.isArray(v) || (ArrayBuffer.isView(v) && "length" in v);
  const shape: number[] = [];
  for (let level = value; isList(level); level = level[0]) shape.push(level.length);
  const flat: unknown[] = [];
  const fits = (v: unknown, depth: number): boolean => {
    if (depth < shape.length)
      return (
        isList(v) &&
        v.length === shape[depth] &&
        Array.from(v).every((item) => fits(item, depth + 1))
      );
    flat.push(v);
    return typeof v === "number";
  };
  check(
    fits(value, 0),
    argument,
    "a tensor or a rectangular nested array of numbers (PyTorch: tensor.tolist())",
    value,
  );
  return { shape, flat: flat as number[] };
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
