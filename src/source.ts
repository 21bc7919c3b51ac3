/**
 * Printing the library's own code in a notebook: `console.log(sourceOf("nn/bptt.ts",
 * "rnnStepBack"))`. The text is read from the TypeScript file when the cell runs, so a lecture that
 * shows it can never show code other than the code that runs (a renamed function fails loudly
 * instead of drifting).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { check } from "./errors";

/**
 * The declaration of the top-level function `name` in src/`file`, with the doc comment just above
 * it, up to its closing brace (a `}` alone at the start of a line, as the library is formatted).
 */
export function sourceOf(file: string, name: string): string {
  // Compiled, this module lives in dist/; under the tests, in src/. Both sit beside src/.
  const path = typeof file === "string" ? join(__dirname, "..", "src", file) : "";
  check(
    path !== "" && existsSync(path),
    "file",
    'a file of the library\'s src/ folder, e.g. "nn/bptt.ts"',
    file,
  );
  const lines = readFileSync(path, "utf8").split("\n");
  const declaration = new RegExp(`^(export )?(async )?function\\*? ${escape(name)}\\b`);
  const first = lines.findIndex((line) => declaration.test(line));
  check(first >= 0, "name", `a top-level function of ${file}`, name);
  const last = lines.findIndex((line, i) => i > first && line.startsWith("}"));
  let start = first;
  if (lines[start - 1]?.trimEnd().endsWith("*/"))
    while (start > 0 && !lines[start].trimStart().startsWith("/**")) start--;
  return lines.slice(start, last + 1).join("\n");
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
