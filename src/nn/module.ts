/**
 * Module: the PyTorch idea of a model as a tree of named parameters with a forward function.
 * Parameters are tfjs variables, so tfjs optimisers and `tf.variableGrads` work on them directly.
 */
import * as tf from "@tensorflow/tfjs";
import { check } from "../errors";

export abstract class Module {
  training = true;
  private readonly ownParameters = new Map<string, tf.Variable>();
  private readonly children = new Map<string, Module>();

  abstract forward(...inputs: tf.Tensor[]): tf.Tensor | tf.Tensor[];

  /** Registers a trainable tensor under `name` (PyTorch's nn.Parameter) and returns the variable. */
  protected addParameter(name: string, value: tf.Tensor): tf.Variable {
    check(!this.ownParameters.has(name), "name", "a parameter name not used yet in this module", name);
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
    if (this.children.size === 0) return `${name}(${this.describe()})`;
    const lines = [...this.children].map(([n, m]) => `  (${n}): ${m.toString().replace(/\n/g, "\n  ")}`);
    return `${name}(${this.describe()}\n${lines.join("\n")}\n)`;
  }
}
