/**
 * What the sandbox may read while one exercise runs: the submission's own folder, and from the grader's
 * installation only the course library (src/, dist/, package.json), autograder/core and node_modules.
 * References, hidden inputs, the results folder and the rest of the grader's files stay unreadable.
 */
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
    readable: [folder, ...libraryPaths(graderRoot)],
    compiled: { ...library(graderRoot), ...compiled },
  };
}

/** The grader files a submission may import. */
export function libraryPaths(graderRoot: string): string[] {
  return ["node_modules", "dist", "src", "package.json", join("autograder", "core")].map((p) => join(graderRoot, p));
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
