/**
 * Where the project is: the folder whose node_modules holds tslab. Notebooks must live inside it, because
 * they import the course library through that node_modules.
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, isAbsolute } from "node:path";
import { ArgumentError } from "../../../src/errors";

export const tslabBin = (root: string): string => join(root, "node_modules", "tslab", "bin", "tslab");

/** The course this copy of nbmake-ts belongs to (tools/nbmake-ts/src is three folders down). */
const COURSE = join(__dirname, "..", "..", "..");

/**
 * The course's kernel (tools/kernel/kernel.js: tslab with the Jupyter protocol set right), the one every front
 * end runs, so notebooks are tested as students run them.
 */
export const KERNEL = join(__dirname, "..", "..", "kernel", "kernel.js");

/** The folder of the tslab that KERNEL loads (the one beside it in node_modules). */
export const kernelTslab = (): string => dirname(require.resolve("tslab/package.json", { paths: [dirname(KERNEL)] }));

/** The nearest folder from `start` upwards with tslab installed. */
export function findRoot(start = process.cwd()): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(tslabBin(dir))) return dir;
    if (dirname(dir) === dir) {
      throw new ArgumentError("tslab", `node_modules/tslab in ${resolve(start)} or a folder above`, "nothing",
        `Run this inside the course folder, ${COURSE} (after npm ci there): cd there, then npm run nbmake -- <notebooks>`);
    }
  }
}

/** Checks a project root and a notebook path in it; returns the notebook's absolute path. */
export function checkInProject(root: string, notebook: string): string {
  if (!existsSync(tslabBin(root))) throw new ArgumentError("tslab", `${tslabBin(root)} (the tslab kernel)`, "no such file", "Run `npm ci` in the project first");
  const path = resolve(notebook);
  const inside = relative(root, path);
  if (inside.startsWith("..") || isAbsolute(inside)) throw new ArgumentError("notebook", `a path inside the project ${root}`, path);
  if (!existsSync(path)) throw new ArgumentError("notebook", "an existing .ipynb file", path);
  return path;
}
