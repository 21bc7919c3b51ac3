/**
 * Runs after `npm ci` / `npm install`: compiles the workspace package rnn-course-contract (contract/: the
 * kernel contract and the error type) to contract/dist/, then the library to dist/, which notebooks import,
 * then its fast path (the workspace package rnn-course-fast, fast/) to fast/dist/, which the library loads.
 * The contract comes first: both others are compiled against it, and neither against the other.
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

const root = join(__dirname, "..");
const tsc = (project: string) =>
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, project)], { stdio: "inherit" });
tsc(join("contract", "tsconfig.build.json"));
tsc("tsconfig.build.json");
tsc(join("fast", "tsconfig.build.json"));
const shaders = join(root, "fast", "src", "webgpu");
for (const file of readdirSync(shaders).filter((f) => f.endsWith(".wgsl"))) {
  copyFileSync(join(shaders, file), join(root, "fast", "dist", "webgpu", file));
}

// Loaded only now: the autograder's code imports the library's errors, which need the contract built.
(require("../autograder/sandbox/target") as typeof import("../autograder/sandbox/target")).precompile(root);
