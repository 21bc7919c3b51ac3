/**
 * `files.json`, the files the kernel's worker starts with (src/worker/files.ts): what TypeScript needs to check a
 * cell as tslab does (its lib files, and the declaration files of every package a cell may import, found by
 * asking the compiler what an import of each loads), and what the library reads at run time (its sources,
 * which `sourceOf` prints; the datasets' CSV files; the WebGPU kernel's shaders).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import type * as TS from "@tslab/typescript-for-tslab";

const ROOT = join(__dirname, "..", "..");
/** What a cell may import by name in the browser (src/worker/worker.ts provides the same). */
export const CELL_PACKAGES = ["rnn-course", "@tensorflow/tfjs", "rnn-course-fast", "tslab"];
const LIBS = ["lib.es2022.d.ts", "lib.webworker.d.ts"];
/**
 * Declarations left out: Node's (a library's .d.ts may reference them, as @resvg/resvg-js's does), so that a
 * cell using `process` or `Buffer`, which a worker lacks, is a type error rather than a failure when it runs.
 */
const LEFT_OUT = /\/node_modules\/(@types\/node|undici-types)\//;

export function kernelFiles(): Record<string, string> {
  return { ...declarations(), ...kernelLib(), ...runtimeFiles() };
}

/** The globals the worker adds to a Web Worker's (setImmediate), a lib file of the worker's compiler. */
function kernelLib(): Record<string, string> {
  return {
    "/typescript/lib/lib.kernel.d.ts": readFileSync(join(__dirname, "lib.kernel.d.ts"), "utf8"),
  };
}

/** Every file the compiler loads for a cell that imports all of CELL_PACKAGES, at its path in the kernel. */
function declarations(): Record<string, string> {
  const ts = require(
    require.resolve("@tslab/typescript-for-tslab", { paths: [require.resolve("tslab")] }),
  ) as typeof TS;
  const probe = join(ROOT, "lectures", "__probe__.ts");
  const options: TS.CompilerOptions = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    lib: LIBS,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    types: [],
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const text = CELL_PACKAGES.map(
    (name, i) => `import * as p${i} from ${JSON.stringify(name)};`,
  ).join("\n");
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (file, ...rest) =>
    file === probe
      ? ts.createSourceFile(file, text, ts.ScriptTarget.ES2022)
      : getSourceFile.call(host, file, ...rest);
  host.fileExists = (file) => file === probe || fileExists.call(host, file);
  host.readFile = (file) => (file === probe ? text : readFile.call(host, file));
  const program = ts.createProgram([probe], options, host);
  const unresolved = ts.getPreEmitDiagnostics(program).filter((d) => d.code === 2307);
  if (unresolved.length)
    throw new Error(
      `the kernel's declarations: ${ts.flattenDiagnosticMessageText(unresolved[0].messageText, " ")}`,
    );
  const libDir = dirname(ts.getDefaultLibFilePath(options));
  const files: Record<string, string> = {};
  for (const file of program.getSourceFiles()) {
    if (file.fileName === probe || LEFT_OUT.test(file.fileName)) continue;
    if (dirname(file.fileName) === libDir)
      files[`/typescript/lib/${basename(file.fileName)}`] = file.text;
    else addPackageFile(files, file.fileName, file.text);
  }
  return files;
}

/** A package's file at /node_modules/<its name>/..., with the package.json that lets TypeScript find it. */
function addPackageFile(files: Record<string, string>, path: string, text: string): void {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, unknown>;
    if (typeof pkg.name !== "string") continue;
    const at = `/node_modules/${pkg.name}`;
    files[`${at}/${relative(dir, path).split(sep).join("/")}`] = text;
    // What node10 resolution reads of a package.json; the rest (scripts, dependencies) is of no use here.
    const { name, version, main, types, typings, typesVersions } = pkg;
    files[`${at}/package.json`] ??= JSON.stringify({
      name,
      version,
      main,
      types,
      typings,
      typesVersions,
    });
    return;
  }
  throw new Error(`the kernel's declarations: ${path} is in no package`);
}

/** Files the library reads while it runs, at the paths its modules ask for in the bundle (see bundle.ts). */
function runtimeFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const add = (real: string, at: string) => (files[at] = readFileSync(real, "utf8"));
  // sourceOf("nn/bptt.ts", ...) prints the library's own code.
  for (const file of walk(join(ROOT, "src")))
    if (file.endsWith(".ts")) add(file, `/course/${relative(ROOT, file).split(sep).join("/")}`);
  const shaders = join(ROOT, "fast", "src", "webgpu");
  for (const name of readdirSync(shaders).filter((n) => n.endsWith(".wgsl")))
    add(join(shaders, name), `/course/fast/src/webgpu/${name}`);
  // loadSeries reads the CSV files of vega-datasets that src/data/datasets.ts names.
  const datasets = readFileSync(join(ROOT, "src", "data", "datasets.ts"), "utf8");
  const data = dirname(require.resolve("vega-datasets/package.json"));
  for (const [, name] of datasets.matchAll(/file: "([\w.-]+\.csv)"/g))
    add(join(data, "data", name), `/node_modules/vega-datasets/data/${name}`);
  return files;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}
