/**
 * Runs after `npm ci` / `npm install`: compiles the library to dist/, which notebooks import.
 *
 * tslab compiles a notebook with the notebook's folder as TypeScript's rootDir, so `import "../src/x"` is
 * refused. Notebooks therefore import the library by its package name, `rnn-course`: package.json lists the
 * project as its own dependency (`"rnn-course": "file:."`), so npm keeps node_modules/rnn-course -> .. (also
 * across later `npm install <pkg>`), and "main"/"types" point at the compiled dist/.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..");
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});
