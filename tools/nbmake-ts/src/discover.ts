/** Notebooks named on the command line: files as given, folders searched (hidden folders and node_modules skipped). */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { ArgumentError } from "../../../src/errors";

export function findNotebooks(paths: string[]): string[] {
  const found = paths.flatMap((path) => {
    if (!existsSync(path)) throw new ArgumentError("path", "an existing notebook or folder", path);
    if (statSync(path).isDirectory()) return walk(resolve(path));
    if (!path.endsWith(".ipynb")) throw new ArgumentError("path", "a .ipynb notebook or a folder", path);
    return [resolve(path)];
  });
  return [...new Set(found)];
}

function walk(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith(".") && entry.name !== "node_modules")
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.name.endsWith(".ipynb") ? [path] : [];
    });
}
