/**
 * Runs after `npm ci` / `npm install`: compiles the library to dist/, which notebooks import, then its fast
 * path (the workspace package rnn-course-fast, fast/) to fast/dist/, which the library loads. In that order:
 * the fast path is compiled against the library's kernel contract (dist/nn/recurrent-kernel.d.ts).
 *
 * tslab compiles a notebook with the notebook's folder as TypeScript's rootDir, so `import "../src/x"` is
 * refused. Notebooks therefore import the library by its package name, `rnn-course`: package.json lists the
 * project as its own dependency (`"rnn-course": "file:."`), so npm keeps node_modules/rnn-course -> .. (also
 * across later `npm install <pkg>`), and "main"/"types" point at the compiled dist/.
 *
 * The WebGPU kernel's shaders (fast/src/webgpu/*.wgsl) are read at run time beside the compiled code, so
 * they are copied into fast/dist/ too.
 *
 * Last, what the autograder and `npm run check` compile for their sandbox is compiled ahead and kept
 * (autograder/sandbox/compile-cache.ts), so that the first check is as quick as the next.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { precompile } from "../autograder/sandbox/target";

const root = join(__dirname, "..");
const tsc = (project: string) =>
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, project)], { stdio: "inherit" });
tsc("tsconfig.build.json");
tsc(join("fast", "tsconfig.build.json"));
const shaders = join(root, "fast", "src", "webgpu");
for (const file of readdirSync(shaders).filter((f) => f.endsWith(".wgsl"))) {
  copyFileSync(join(shaders, file), join(root, "fast", "dist", "webgpu", file));
}

precompile(root);
