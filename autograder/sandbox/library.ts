/**
 * The course library as the library rule sees it: where each name `rnn-course` exports is defined. Read
 * from src/index.ts and the files it re-exports (syntax only, no type checking), once per grader process.
 * An exercise that allows `NotImplementedError` then loads src/errors.ts alone, never the whole library.
 * What the syntax of each file says is kept between runs (compile-cache.ts). The library's own packages
 * (the contract it shares with its fast path, and the fast path) belong to it too: shown only where a
 * loadable file imports them, and refused to student code like the library's files.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type * as TypeScript from "typescript";
import { kept, typescript } from "./compile-cache";
import type { LibraryRule } from "./protocol";

/** A library file -> the values it exports -> the file defining each. */
const definitions = new Map<string, Map<string, string>>();
const loadable = new Map<string, Set<string>>();

/** The rule for an exercise that may import only `allowed` from the library of the course at `root`. */
export function libraryRule(root: string, allowed: string[]): LibraryRule {
  const defined = libraryDefinitions(root);
  const missing = allowed.filter((name) => !defined.has(name));
  if (missing.length) throw new Error(`meta.json allows ${missing.join(", ")} from rnn-course, which does not export ${missing.length > 1 ? "them" : "it"}`);
  return {
    roots: [join(root, "src"), join(root, "dist"), ...Object.values(LIBRARY_PACKAGES).map((folder) => join(root, folder))],
    entries: [libraryMain(root), join(root, "src", "index.ts")],
    allowed: Object.fromEntries(allowed.map((name) => [name, defined.get(name)!])),
    names: [...defined.keys()],
    preload: [join(root, "autograder", "core", "index.ts")],
  };
}

/**
 * The course's TypeScript files a child under `rule` can load: the preloaded ones, the files defining the
 * allowed names, and what they import. Any other library file is refused there, so it is not sent.
 */
export function loadableFiles(rule: LibraryRule): Set<string> {
  const key = JSON.stringify([rule.preload, rule.allowed]);
  let files = loadable.get(key);
  if (files) return files;
  files = new Set<string>();
  loadable.set(key, files);
  const visit = (file: string) => {
    if (files!.has(file) || !existsSync(file)) return;
    files!.add(file);
    for (const fileName of factsOf(file).imports) {
      if (fileName.startsWith(".")) {
        const next = moduleFile(file, fileName);
        if (next) visit(next);
      }
    }
  };
  for (const file of [...rule.preload, ...Object.values(rule.allowed)]) visit(file);
  return files;
}

/** The library's workspace packages, by name: the folder of each. */
export const LIBRARY_PACKAGES: Record<string, string> = { "rnn-course-contract": "contract", "rnn-course-fast": "fast" };

/**
 * The folders of the library's packages that `files` import by name, and of those these depend on: what
 * a child running them must be shown (each one's dist/ and package.json).
 */
export function packagesImported(root: string, files: Iterable<string>): string[] {
  const needed = new Set<string>();
  const add = (name: string) => {
    const folder = LIBRARY_PACKAGES[name];
    if (folder === undefined || needed.has(folder)) return;
    needed.add(folder);
    const manifest = JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) add(dependency);
  };
  for (const file of files) {
    for (const specifier of factsOf(file).imports) if (!specifier.startsWith(".")) add(specifier.split("/")[0]);
  }
  return [...needed].map((folder) => join(root, folder));
}

/** The file `require("rnn-course")` loads: package.json's main. */
function libraryMain(root: string): string {
  const main = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { main?: string }).main ?? "index.js";
  const file = join(root, main);
  return existsSync(file) ? file : `${file}.js`;
}

/** Every value the library exports -> the .ts file that defines it. */
export function libraryDefinitions(root: string): Map<string, string> {
  return exportsOf(join(root, "src", "index.ts"), new Set());
}

/** The values `file` exports -> the file defining each (re-exports followed), read once per process. */
function exportsOf(file: string, visiting: Set<string>): Map<string, string> {
  const known = definitions.get(file);
  if (known) return known;
  const found = new Map<string, string>();
  if (visiting.has(file)) return found; // an import cycle: the outer visit holds these names
  visiting.add(file);
  for (const entry of factsOf(file).exports) {
    if ("declared" in entry) {
      for (const name of entry.declared) found.set(name, file);
      continue;
    }
    const from = entry.from === undefined ? undefined : moduleFile(file, entry.from);
    const reexported = from ? exportsOf(from, visiting) : undefined;
    if (!entry.names && reexported) for (const [name, defining] of reexported) found.set(name, defining);
    for (const [name, original] of entry.names ?? []) {
      const defining = reexported ? reexported.get(original) : file;
      if (defining) found.set(name, defining);
    }
  }
  visiting.delete(file);
  definitions.set(file, found);
  return found;
}

/** An export statement: `export { a as b } from "./x"` (names: [exported, original]; none for `export *`), or declarations. */
type ExportEntry = { from?: string; names?: [string, string][] } | { declared: string[] };
interface Facts {
  /** Every module specifier the file imports or re-exports, and those of require() and import() calls. */
  imports: string[];
  exports: ExportEntry[];
}

/** What a file's syntax says about its imports and exports, kept between runs by its text. */
function factsOf(file: string): Facts {
  const source = readFileSync(file, "utf8");
  return JSON.parse(kept("library-facts", [source], () => JSON.stringify(readFacts(file, source)))) as Facts;
}

function readFacts(file: string, text: string): Facts {
  const ts = typescript();
  const imports = ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => fileName);
  const exports: ExportEntry[] = [];
  for (const statement of ts.createSourceFile(file, text, ts.ScriptTarget.ES2022).statements) {
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      const clause = statement.exportClause;
      if (!clause) exports.push({ from });
      else if (ts.isNamedExports(clause)) {
        const names = clause.elements.filter((e) => !e.isTypeOnly).map((e): [string, string] => [e.name.text, (e.propertyName ?? e.name).text]);
        exports.push({ from, names });
      }
    } else {
      const declared = declaredExports(ts, statement);
      if (declared.length) exports.push({ declared });
    }
  }
  return { imports, exports };
}

/** Names a statement exports as values (types and interfaces vanish when TypeScript is compiled). */
function declaredExports(ts: typeof TypeScript, statement: TypeScript.Statement): string[] {
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) ?? [] : [];
  if (!modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return [];
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) return statement.name ? [statement.name.text] : [];
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  return [];
}

function moduleFile(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, join(base, "index.ts")].find((file) => existsSync(file));
}
