// nbmake-ts as a library (e.g. from vitest): run notebooks, read the results, format the report.
export { runNotebook, runNotebooks, prepare, type RunOptions, type NotebookResult, type CellReport, type FailureKind } from "./run";
export { findNotebooks } from "./discover";
export { findRoot } from "./project";
export { formatReport, summaryLine } from "./report";
export { loadConfig, sanitize, CONFIG_FILE, DEFAULT_CONFIG, type Config, type Tolerance, type SanitizeRule } from "./config";
export { compareOutputs } from "./compare";
export { sourceOf, tagsOf, type Notebook, type Cell } from "./notebook";
