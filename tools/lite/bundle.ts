/**
 * The two scripts of the kernel, bundled by esbuild:
 *   - the JupyterLite plugin (src/plugin.ts), an ES module whose JupyterLab and JupyterLite imports the
 *     extension builder turns into shared modules of the page;
 *   - the web worker (src/worker/worker.ts): tslab's compiler and converter, the course library built for the
 *     browser, TensorFlow.js and the charts' renderers, in one classic script.
 *
 * The library is built from its sources with the browser twins of the few files that use Node (`BROWSER_TWINS`:
 * the library's own in src/browser/, and runChecks, which grades with the autograder's core, here) and small
 * stand-ins for the Node modules left on its path (src/node/): nothing of src/ is rewritten.
 */
import { build, type Plugin } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";

const ROOT = join(__dirname, "..", "..");
const LITE = __dirname;
const own = (...parts: string[]) => join(LITE, "node_modules", ...parts);

/** Library files that use Node, and the file the browser build uses instead (both export the same names). */
export const BROWSER_TWINS: Record<string, string> = {
  "src/device.ts": "src/browser/device.ts",
  "src/plots/display.ts": "src/browser/display.ts",
  "src/exercises.ts": "tools/lite/src/run-checks.ts",
  "fast/src/webgpu/read-sync.ts": "fast/src/browser/read-sync.ts",
};

/** Node modules on the library's (and tslab's converter's) path, and what stands in for them. */
const NODE_STAND_INS: Record<string, string> = {
  fs: join(LITE, "src", "node", "fs.ts"),
  path: own("path-browserify", "index.js"),
  util: join(LITE, "src", "node", "util.ts"),
  crypto: join(LITE, "src", "node", "crypto.ts"),
  os: join(LITE, "src", "node", "os.ts"),
  worker_threads: join(LITE, "src", "node", "worker_threads.ts"),
  process: join(LITE, "src", "node", "process.ts"),
  "@resvg/resvg-js": join(LITE, "src", "node", "resvg-js.ts"),
};

/**
 * The library, its fast path and the contract both import, from their sources; tslab's compiler, through
 * src/worker/typescript.ts.
 */
const PACKAGES: Record<string, string> = {
  "rnn-course": join(ROOT, "src", "index.ts"),
  "rnn-course-fast": join(ROOT, "fast", "src", "index.ts"),
  "rnn-course-contract": join(ROOT, "contract", "src", "index.ts"),
  "@tslab/typescript-for-tslab": join(LITE, "src", "worker", "typescript.ts"),
  // The library's browser runChecks compiles the student's module with the kernel's compiler.
  typescript: join(LITE, "src", "worker", "typescript.ts"),
};

/** Packages the library may load in Node only (optional dependencies, never present in a page). */
const NODE_ONLY = [
  "webgpu",
  "@tensorflow/tfjs-node",
  "@tensorflow/tfjs-node-gpu",
  "child_process",
  "node:child_process",
];

function browserBuild(): Plugin {
  return {
    name: "course-in-the-browser",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.replace(/^node:/, "");
        if (NODE_STAND_INS[bare]) return { path: NODE_STAND_INS[bare] };
        if (PACKAGES[args.path] && args.importer !== PACKAGES[args.path])
          return { path: PACKAGES[args.path] };
        if (NODE_ONLY.includes(args.path)) return { path: args.path, external: true };
        // device.ts's loaders for Node `require` the backends, never run in a page (its browser twin imports
        // them instead): left out, or esbuild would take those packages' Node builds, tfjs-core's among them,
        // for every importer, beside the browser builds that other files load.
        if (args.kind === "require-call" && args.importer === join(ROOT, "src", "device.ts"))
          return { path: args.path, external: true };
        return undefined;
      });
      // A library file with a browser twin is replaced wherever it is imported from (but in the twin itself).
      b.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData === "twin") return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: "twin",
        });
        const twin = BROWSER_TWINS[relative(ROOT, resolved.path)];
        if (!twin || join(ROOT, twin) === args.importer) return resolved;
        return { path: join(ROOT, twin) };
      });
      // Node gives each module its own folder as __dirname; so does the bundle, as a path of the kernel's files
      // (the library's at /course/..., as files.json has them; tslab's where its package would be).
      b.onLoad({ filter: /[\\/](src|fast[\\/]src|tslab[\\/]dist)[\\/].*\.[tj]s$/ }, (args) => {
        const rel = relative(ROOT, args.path).split(sep).join("/");
        const at = /^(src|fast\/src)\//.test(rel)
          ? `/course/${dirname(rel)}`
          : /^node_modules\/tslab\/dist\//.test(rel)
            ? "/node_modules/tslab/dist"
            : undefined;
        if (!at) return undefined;
        const contents = readFileSync(args.path, "utf8");
        if (!/\b__dirname\b/.test(contents)) return undefined;
        return {
          contents: `var __dirname = ${JSON.stringify(at)};\n${contents}`,
          loader: args.path.endsWith(".ts") ? "ts" : "js",
        };
      });
    },
  };
}

/**
 * The worker script, minified (names kept: the library prints class names, errors carry theirs). `metafile`:
 * where to write esbuild's account of what went in (for `esbuild --analyze`-like questions).
 */
export async function bundleWorker(outfile: string, metafile?: string): Promise<void> {
  const result = await build({
    entryPoints: [join(LITE, "src", "worker", "worker.ts")],
    outfile,
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    minify: true,
    keepNames: true,
    legalComments: "none",
    logLevel: "warning",
    plugins: [browserBuild()],
    nodePaths: [join(ROOT, "node_modules"), own()],
    inject: ["buffer-global.ts", "process.ts", "immediate.ts"].map((file) =>
      join(LITE, "src", "node", file),
    ),
    metafile: metafile !== undefined,
  });
  if (metafile) writeFileSync(metafile, JSON.stringify(result.metafile));
}

/** The plugin, an ES module; the page provides @jupyterlab/* and @jupyterlite/* (see package.json). */
export async function bundlePlugin(outfile: string): Promise<void> {
  await build({
    entryPoints: [join(LITE, "src", "plugin.ts")],
    outfile,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    logLevel: "warning",
    external: ["@jupyterlab/*", "@jupyterlite/*", "@lumino/*"],
  });
}
