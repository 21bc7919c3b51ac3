// The course library: everything a notebook imports, from one place (`import { ... } from "rnn-course"`).
export * from "./errors";
export * from "./seed";
export * from "./nn/module";
export * from "./nn/linear";
export * from "./nn/activations";
export * from "./nn/sequential";
export * from "./nn/loss";
export * from "./nn/optim";
export * from "./nn/clip";
export * from "./nn/mlp-rnn";
export * from "./fit";
export * from "./progress";
