// The course library: everything a notebook imports, from one place (`import { ... } from "rnn-course"`).
export * from "./errors";
export * from "./seed";
export * from "./nn/module";
export * from "./series";
export * from "./windows";
export * from "./padding";
export * from "./split";
export * from "./normalize";
export * from "./loader";
export * from "./datasets";
export * from "./stats";
export * from "./decompose";
export * from "./device";
export * from "./plot";
export * from "./show";
