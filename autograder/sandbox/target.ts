/**
 * What the sandbox may read while one exercise runs: the submission's own folder, node_modules, and from
 * the grader's installation only what the exercise may load: for student code, the library files that the
 * names its meta.json allows are defined in (and what they import), autograder/core and the library's
 * entry files (re-exports only), and the library's packages those files import (the contract, the fast
 * path: dist/ and package.json of each); for the course's own solutions, the whole library (src/, dist/,
 * package.json, its packages' contract/dist/, fast/dist/ and package.json files) and autograder/core.
 * References, hidden inputs, the results folder, what the grader keeps compiled (node_modules/.cache) and
 * the rest of the grader's files stay unreadable: the OS sandbox does not even show them, and Node's
 * permission model refuses them.
 */
import { existsSync, lstatSync, readdirSync, realpathSync } from "node:fs";
import { join, relative } from "node:path";
import { runnerScript, type Target } from "./child";
import { LIBRARY_PACKAGES, libraryDefinitions, libraryRule, loadableFiles, packagesImported } from "./library";
import { transpileFile, transpileFolder, typeScriptFiles } from "./transpile";

/** The course's TypeScript files, compiled: absolute path -> JS, once per process. */
const compiledCourse = new Map<string, string>();

/** The course files, besides node_modules, that a child may read: the library and its packages, the grading core. */
const COURSE_FILES = [
  "dist", "src", "package.json", ...Object.values(LIBRARY_PACKAGES).flatMap(packageFiles), join("autograder", "core"),
];

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
  const loadable = library ? loadableFiles(library) : undefined;
  const course = courseTypeScript(graderRoot, loadable);
  // Under the library rule, the library's other files are not there at all: no loader trick can load
  // them and no student can read them to copy (the rule in the runner then only words the refusal).
  const courseFiles = (library ? [...loadable!, ...library.entries, join(graderRoot, "package.json"), ...packagesImported(graderRoot, loadable!).flatMap(packageFiles)] : COURSE_FILES.map((p) => join(graderRoot, p))).filter((p) => existsSync(p));
  const modules = join(graderRoot, "node_modules");
  return {
    entry,
    folder,
    mirror: join(graderRoot, mirror),
    packagesRoot: graderRoot,
    linkedPackages: linkedPackages(graderRoot),
    readable: [folder, ...packagePaths(graderRoot), ...courseFiles],
    // node_modules as one folder: its links (rnn-course -> ..) lead only to what is shown anyway.
    mounts: [folder, ...(existsSync(modules) ? [modules] : []), ...courseFiles],
    hidden: [join(modules, ".cache")].filter((p) => existsSync(p)),
    compiled: { ...course, ...compiled },
    library,
  };
}

/** What a child is shown of one of the library's packages: its build and its package.json. */
function packageFiles(folder: string): string[] {
  return [join(folder, "dist"), join(folder, "package.json")];
}

/** Every grader file any sandbox may read (the course's solutions read the most): no secret may lie there. */
export function libraryPaths(graderRoot: string): string[] {
  return [...packagePaths(graderRoot), ...COURSE_FILES.map((p) => join(graderRoot, p))];
}

/**
 * node_modules, allowed package by package, leaving out symbolic links (node_modules/rnn-course -> ..
 * would otherwise open the whole grader) and dot-folders (.cache); the runner resolves linked packages to
 * their real folders instead (`linkedPackages`).
 */
function packagePaths(graderRoot: string): string[] {
  const modules = join(graderRoot, "node_modules");
  const packages = entries(modules).flatMap((name) => (name.startsWith("@") ? entries(join(modules, name)).map((n) => join(name, n)) : [name]));
  return packages.filter((name) => !lstatSync(join(modules, name)).isSymbolicLink()).map((name) => join(modules, name));
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

/**
 * The course's own TypeScript as the child may load it: `files` when a library rule limits what loads
 * (any other library file is refused there, so it is neither compiled nor sent), else all of src/ and
 * autograder/core/.
 */
function courseTypeScript(graderRoot: string, files?: Set<string>): Record<string, string> {
  const wanted = files ? [...files] : ["src", join("autograder", "core")].flatMap((folder) => typeScriptFilesIn(join(graderRoot, folder)));
  return Object.fromEntries(wanted.map((file) => [file, compiledOnce(graderRoot, file)]));
}

function compiledOnce(graderRoot: string, file: string): string {
  let js = compiledCourse.get(file);
  if (js === undefined) {
    js = transpileFile(file, relative(graderRoot, file));
    compiledCourse.set(file, js);
  }
  return js;
}

function typeScriptFilesIn(folder: string): string[] {
  return existsSync(folder) ? typeScriptFiles(folder) : [];
}

/**
 * What the first check or grading run would compile, compiled now and kept (compile-cache.ts): the course's
 * files, each library file's imports and exports, the exercises and their solutions (named as in a
 * submission's copy), and the child's script. `npm run build` calls this: after npm ci, and as npm test starts.
 */
export function precompile(graderRoot: string): void {
  courseTypeScript(graderRoot);
  loadableFiles(libraryRule(graderRoot, [...libraryDefinitions(graderRoot).keys()]));
  for (const folder of ["exercises", "solutions"].map((name) => join(graderRoot, name))) {
    if (existsSync(folder)) transpileFolder(folder);
  }
  runnerScript();
}
