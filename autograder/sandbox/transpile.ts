/**
 * Student TypeScript is compiled here, in the parent, with `transpileModule` (types are erased, not
 * checked): the sandbox may not start processes, so no tsx or esbuild can run inside it. A file with a
 * syntax error compiles to a module that throws that error, so the student reads it as their failure.
 * What was compiled is kept (compile-cache.ts): the course's files and unchanged exercises compile once.
 */
import { readdirSync, readFileSync } from "node:fs";
import { extname, join, relative } from "node:path";
import type * as TypeScript from "typescript";
import { kept, typescript } from "./compile-cache";

/** How every file is compiled, as the key of what is kept names it. */
const SETTINGS = "CommonJS modules for ES2022, esModuleInterop";
const options = (ts: typeof TypeScript): TypeScript.CompilerOptions => ({ module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true });

/**
 * Every .ts file (not .d.ts) under `folder`, skipping node_modules and dot-folders: absolute path -> JS.
 * `keep`: whether what is compiled is kept (the course's files) or not (a student's).
 */
export function transpileFolder(folder: string, { keep = true } = {}): Record<string, string> {
  const into: Record<string, string> = {};
  for (const path of typeScriptFiles(folder)) into[path] = transpileFile(path, relative(folder, path), keep);
  return into;
}

/** The .ts files (not .d.ts) under `folder`, skipping node_modules and dot-folders. */
export function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : typeScriptFiles(path);
    return entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** `path` compiled; a syntax error becomes a module that throws it, naming the file as `shownAs`. */
export function transpileFile(path: string, shownAs = path, keep = true): string {
  const source = readFileSync(path, "utf8");
  // Not the path: a submission is graded from a fresh copy each time. Its extension says how it is compiled.
  return kept("transpiled", [SETTINGS, extname(path), shownAs, source], () => transpile(source, path, shownAs), { keep });
}

function transpile(source: string, path: string, shownAs: string): string {
  const ts = typescript();
  const out = ts.transpileModule(source, { compilerOptions: options(ts), fileName: path, reportDiagnostics: true });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length === 0) return out.outputText;
  const first = errors[0];
  const where = first.file && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start) : undefined;
  const message = `${shownAs}${where ? `:${where.line + 1}:${where.character + 1}` : ""}: ${ts.flattenDiagnosticMessageText(first.messageText, " ")}`;
  return `throw new SyntaxError(${JSON.stringify(message)});\n`;
}
