/**
 * Runs after `npm ci` / `npm install`: makes the library importable from notebooks.
 *
 * tslab compiles a notebook with the notebook's folder as TypeScript's rootDir, so `import "../src/x"`
 * is refused. Notebooks therefore import the library by its package name, `rnn-course`, which resolves
 * through node_modules/rnn-course -> .. to the compiled `dist/` (package.json "main"/"types").
 */
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, readlinkSync, symlinkSync, unlinkSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");
const link = join(root, "node_modules", "rnn-course");

if (existsSync(link) || isDanglingLink(link)) {
  if (!lstatSync(link).isSymbolicLink() || readlinkSync(link) !== "..") unlinkSync(link);
}
if (!existsSync(link)) symlinkSync("..", link, "dir");

execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
