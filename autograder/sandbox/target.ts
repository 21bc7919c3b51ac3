/**
 * What the sandbox may read while one exercise runs: the submission's own folder, and from the grader's
 * installation only the course library (src/, dist/, package.json, and its fast path's fast/dist/ and
 * fast/package.json), autograder/core and node_modules.
 * References, hidden inputs, the results folder and the rest of the grader's files stay unreadable: the
 * OS sandbox does not even show them, and Node's permission model refuses them.
 */
import { existsSync, lstatSync, readdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import type { Target } from "./child";
import { libraryRule, loadableFiles } from "./library";
import { transpileFolder } from "./transpile";

const compiledLibraries = new Map<string, Record<string, string>>();

/** The course files, besides node_modules, that a child may read: the library, its fast path, the grading core. */
const COURSE_FILES = ["dist", "src", "package.json", join("fast", "dist"), join("fast", "package.json"), join("autograder", "core")];

export interface TargetOptions {
  /** Where `folder` sits in the grader's installation: its relative imports that leave it resolve there. */
  mirror?: string;
  /** The folder's TypeScript, when already transpiled (one submission, several exercises). */
  compiled?: Record<string, string>;
  /** For an exercise: the only names it may import from the course library (its meta.json's libraryImports). */
  libraryImports?: string[];
}

/**
 * @param folder the submission's exercises folder (student code), or the solutions' (trusted)
 * @param entry the module to load, inside `folder`
 */
export function sandboxTarget(folder: string, entry: string, graderRoot: string, options: TargetOptions = {}): Target {
  const { mirror = "exercises", compiled = transpileFolder(folder), libraryImports } = options;
  const library = libraryImports ? libraryRule(graderRoot, libraryImports) : undefined;
  const course = courseTypeScript(graderRoot);
  const loadable = library ? loadableFiles(library) : undefined;
  return {
    entry,
    folder,
    mirror: join(graderRoot, mirror),
    packagesRoot: graderRoot,
    linkedPackages: linkedPackages(graderRoot),
    readable: [folder, ...libraryPaths(graderRoot)],
    // node_modules as one folder: its links (rnn-course -> ..) lead only to what is shown anyway.
    mounts: [folder, ...["node_modules", ...COURSE_FILES].map((p) => join(graderRoot, p)).filter((p) => existsSync(p))],
    compiled: { ...(loadable ? Object.fromEntries(Object.entries(course).filter(([file]) => loadable.has(file))) : course), ...compiled },
    library,
  };
}

/**
 * The grader files a submission may import. node_modules is allowed package by package, leaving out
 * symbolic links (node_modules/rnn-course -> .. would otherwise open the whole grader); the runner
 * resolves such linked packages to their real folders instead (`linkedPackages`).
 */
export function libraryPaths(graderRoot: string): string[] {
  const modules = join(graderRoot, "node_modules");
  const packages = entries(modules).flatMap((name) => (name.startsWith("@") ? entries(join(modules, name)).map((n) => join(name, n)) : [name]));
  const real = packages.filter((name) => !lstatSync(join(modules, name)).isSymbolicLink()).map((name) => join(modules, name));
  return [...real, ...COURSE_FILES.map((p) => join(graderRoot, p))];
}

/** Packages installed as symbolic links (the course itself, workspaces): name -> real folder. */
export function linkedPackages(graderRoot: string): Record<string, string> {
  const modules = join(graderRoot, "node_modules");
  const links: Record<string, string> = {};
  for (const name of entries(modules)) if (lstatSync(join(modules, name)).isSymbolicLink()) links[name] = realpathSync(join(modules, name));
  return links;
}

function entries(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((name) => !name.startsWith(".")) : [];
}

/** The course's own TypeScript (src/, autograder/core/), compiled once per process. */
function courseTypeScript(graderRoot: string): Record<string, string> {
  let compiled = compiledLibraries.get(graderRoot);
  if (!compiled) {
    compiled = {};
    for (const folder of ["src", join("autograder", "core")]) {
      try {
        transpileFolder(join(graderRoot, folder), compiled);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    compiledLibraries.set(graderRoot, compiled);
  }
  return compiled;
}
