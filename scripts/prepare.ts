/**
 * Runs after `npm ci` / `npm install`: compiles the library to dist/, which notebooks import.
 *
 * tslab compiles a notebook with the notebook's folder as TypeScript's rootDir, so `import "../src/x"` is
 * refused. Notebooks therefore import the library by its package name, `rnn-course`: package.json lists the
 * project as its own dependency (`"rnn-course": "file:."`), so npm keeps node_modules/rnn-course -> .. (also
 * across later `npm install <pkg>`), and "main"/"types" point at the compiled dist/.
 *
 * The WebGPU kernel's shaders (src/kernels/webgpu/*.wgsl) are read at run time beside the compiled code, so
 * they are copied into dist/ too.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});
const shaders = join("kernels", "webgpu");
for (const file of readdirSync(join(root, "src", shaders)).filter((f) => f.endsWith(".wgsl"))) {
  copyFileSync(join(root, "src", shaders, file), join(root, "dist", shaders, file));
}
