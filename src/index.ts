// The course library: everything a notebook imports, from one place (`import { ... } from "rnn-course"`).
export * from "./errors";
export * from "./seed";
export * from "./nn/module";
export * from "./bptt";
export * from "./cells";
export * from "./recurrent";
export * from "./nn/rnn";
export * from "./nn/truncated-bptt";
export * from "./torch";
