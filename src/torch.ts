/**
 * Loading PyTorch weights. In Python:
 *
 *   json.dump({k: v.tolist() for k, v in model.state_dict().items()}, open("weights.json", "w"))
 *
 * and here `fromTorchStateDict(model, readFileSync("weights.json", "utf8"))`. Our modules use PyTorch's
 * parameter names and shapes (`weight_ih_l0`, `layers.0.weight`, ...), so keys map one to one.
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError, check } from "./errors";
import type { Module } from "./nn/module";

/** A state_dict as JSON text or as the parsed object: parameter name → nested arrays of numbers. */
export type TorchStateDict = string | Record<string, unknown>;

/** Copies every parameter of `stateDict` into `module` (in place) and returns the module. */
export function fromTorchStateDict<M extends Module>(module: M, stateDict: TorchStateDict): M {
  const entries: Record<string, unknown> = typeof stateDict === "string" ? JSON.parse(stateDict) : stateDict;
  check(typeof entries === "object" && entries !== null && !Array.isArray(entries), "stateDict",
    "an object {name: nested arrays} (PyTorch: {k: v.tolist() for k, v in m.state_dict().items()})", entries);
  const parameters = new Map(module.namedParameters());
  const missing = [...parameters.keys()].filter((name) => !(name in entries));
  const unexpected = Object.keys(entries).filter((name) => !parameters.has(name));
  const owner = module.constructor.name;
  check(missing.length === 0, "stateDict", `a key for every parameter of ${owner}`, entries, `Missing: ${missing.join(", ")}`);
  check(unexpected.length === 0, "stateDict", `only the parameters of ${owner}`, entries, `Unexpected: ${unexpected.join(", ")}`);
  // Check every shape before changing anything, so a failed load leaves the module as it was.
  const loaded = [...parameters].map(([name, variable]) => ({ name, variable, ...flatten(entries[name], name) }));
  const misfits = loaded.filter(({ variable, shape }) => shape.length !== variable.rank || shape.some((n, i) => n !== variable.shape[i]));
  // A hidden-size mismatch shows in every weight; weight_hh's message says which hidden sizes differ.
  const misfit = misfits.find(({ name, variable, shape }) => hiddenSizeHint(name, variable.shape, shape)) ?? misfits[0];
  if (misfit) {
    const { name, variable, shape } = misfit;
    throw new ArgumentError(`stateDict["${name}"]`, `shape [${variable.shape.join(", ")}]`, { shape },
      hiddenSizeHint(name, variable.shape, shape));
  }
  for (const { variable, flat } of loaded) tf.tidy(() => variable.assign(tf.tensor(flat, variable.shape)));
  return module;
}

/** A nested array of numbers → its shape and its numbers in row-major order. */
function flatten(value: unknown, name: string): { shape: number[]; flat: number[] } {
  const shape: number[] = [];
  for (let level = value; Array.isArray(level); level = level[0]) shape.push(level.length);
  const flat = (shape.length ? (value as unknown[]).flat(shape.length - 1) : [value]) as unknown[];
  const size = shape.reduce((a, b) => a * b, 1);
  check(flat.length === size && flat.every((v) => typeof v === "number"), `stateDict["${name}"]`,
    "a rectangular nested array of numbers (tensor.tolist())", value);
  return { shape, flat: flat as number[] };
}

/**
 * A recurrent weight_hh is [gates * H, H]: when its width differs, say which hidden size each side has,
 * the usual cause of the mismatch.
 */
function hiddenSizeHint(name: string, expected: number[], received: number[]): string | undefined {
  if (!/(^|\.)weight_hh_l\d+$/.test(name) || received.length !== 2 || received[1] === expected[1]) return undefined;
  return `The state dict was saved from a model with hidden_size=${received[1]}, this one has hidden_size=${expected[1]}`;
}
