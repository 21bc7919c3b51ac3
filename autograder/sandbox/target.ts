/**
 * What the sandbox may read while one exercise runs: the submission's own folder, and from the grader's
 * installation only the course library (src/, dist/, package.json, and its fast path's fast/dist/ and
 * fast/package.json), autograder/core and node_modules.
 * References, hidden inputs, the results folder and the rest of the grader's files stay unreadable.
 */
import { existsSync, lstatSync, readdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import type { Target } from "./child";
import { transpileFolder } from "./transpile";

const compiledLibraries = new Map<string, Record<string, string>>();

/**
 * @param folder the submission's exercises folder (student code, mirrored on `<graderRoot>/<mirrorName>`)
 * @param entry the module to load, inside `folder`
 * @param compiled the folder's TypeScript, when already transpiled (one submission, several exercises)
 */
export function sandboxTarget(folder: string, entry: string, graderRoot: string, mirrorName = "exercises", compiled = transpileFolder(folder)): Target {
  return {
    entry,
    folder,
    mirror: join(graderRoot, mirrorName),
    packagesRoot: graderRoot,
    linkedPackages: linkedPackages(graderRoot),
    readable: [folder, ...libraryPaths(graderRoot)],
    compiled: { ...library(graderRoot), ...compiled },
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
  const library = ["dist", "src", "package.json", join("fast", "dist"), join("fast", "package.json"), join("autograder", "core")];
  return [...real, ...library.map((p) => join(graderRoot, p))];
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
function library(graderRoot: string): Record<string, string> {
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
