// The course library: everything a notebook imports, from one place (`import { ... } from "rnn-course"`).
export * from "./errors";
export * from "./seed";
export * from "./nn/module";
export * from "./exercise-check";
