/**
 * Loading PyTorch weights. In Python:
 *
 *   json.dump({k: v.tolist() for k, v in model.state_dict().items()}, open("weights.json", "w"))
 *
 * and here `fromTorchStateDict(model, readFileSync("weights.json", "utf8"))`. Our modules use
 * PyTorch's parameter names and shapes (`weight_ih_l0`, `layers.0.weight`, ...), so keys map one to
 * one.
 */
import type * as tf from "@tensorflow/tfjs";
import { ArgumentError, check } from "../errors";
import type { Module } from "./module";

/** A state_dict as JSON text or as the parsed object: parameter name → nested arrays of numbers. */
export type TorchStateDict = string | Record<string, unknown>;

/**
 * Copies every parameter of `stateDict` into `module` (in place) and returns the module. The checks
 * (every name present, no extra ones, every shape right, nothing changed unless all fit) are
 * `loadStateDict`'s.
 */
export function fromTorchStateDict<M extends Module>(module: M, stateDict: TorchStateDict): M {
  const entries: Record<string, unknown> =
    typeof stateDict === "string" ? JSON.parse(stateDict) : stateDict;
  check(
    typeof entries === "object" && entries !== null && !Array.isArray(entries),
    "stateDict",
    "an object {name: nested arrays} (PyTorch: {k: v.tolist() for k, v in m.state_dict().items()})",
    entries,
  );
  checkHiddenSize(module, entries);
  checkBiases(module, entries);
  module.loadStateDict(entries as Record<string, tf.TensorLike>, "stateDict");
  return module;
}

/**
 * A hidden-size mismatch shows in every recurrent weight, but only weight_hh ([gates * H, H]) shows
 * it in its width: report that one first, saying which hidden size each side has.
 */
function checkHiddenSize(module: Module, entries: Record<string, unknown>): void {
  for (const [name, variable] of module.namedParameters()) {
    const value = entries[name];
    if (!/(^|\.)weight_hh_l\d+$/.test(name) || !Array.isArray(value) || !Array.isArray(value[0]))
      continue;
    const width = value[0].length;
    if (
      width === variable.shape[1] ||
      !value.every((row) => Array.isArray(row) && row.length === width)
    )
      continue;
    throw new ArgumentError(
      `stateDict["${name}"]`,
      `shape [${variable.shape.join(", ")}]`,
      { shape: [value.length, width] },
      `The state dict was saved from a model with hidden_size=${width}, this one has hidden_size=${variable.shape[1]}`,
    );
  }
}

/**
 * A state dict saved from recurrent layers with bias=False, loaded into layers with biases (or the
 * other way round): say so, rather than only list the bias names one side lacks.
 */
function checkBiases(module: Module, entries: Record<string, unknown>): void {
  const names = module.namedParameters().map(([name]) => name);
  const isRecurrentBias = (name: string) => /(^|\.)bias_(ih|hh)_l\d+$/.test(name);
  const weightOf = (bias: string) => bias.replace(/bias_(ih|hh)_l(\d+)$/, "weight_$1_l$2"); // the same layer's weight
  const missing = names.filter(
    (n) => isRecurrentBias(n) && !(n in entries) && weightOf(n) in entries,
  );
  const extra = Object.keys(entries).filter(
    (n) => isRecurrentBias(n) && !names.includes(n) && names.includes(weightOf(n)),
  );
  if (missing.length > 0) {
    throw new ArgumentError(
      "stateDict",
      `the recurrent biases of ${module.constructor.name} (${missing.join(", ")})`,
      entries,
      "It was saved from layers made with bias=False: make these with bias: false too",
    );
  }
  if (extra.length > 0) {
    throw new ArgumentError(
      "stateDict",
      `no recurrent biases (${module.constructor.name}'s layers are made with bias: false)`,
      entries,
      `It holds ${extra.join(", ")}: it was saved from layers with biases; make these without bias: false`,
    );
  }
}
