/**
 * `require` in the kernel, as tslab's executor wraps Node's (tslab/dist/executor.js, `wrapRequire`): the
 * student's own modules that tslab's converter compiled with a cell ("side outputs") load from their compiled
 * code, once, until they change; bare names are the packages the kernel bundles ("rnn-course",
 * "@tensorflow/tfjs", "tslab", ...), the same instances for every cell and module, where Node would look in
 * node_modules. `require.resolve` answers paths in the kernel's file system (./files), which is where the
 * library finds its data files.
 */
import { dirname, join } from "path";

/** The function around a module's compiled code (its columns shift the first line's positions). */
export const MODULE_PREFIX = "(function (exports, require, module, __filename, __dirname) {";

export type Require = ((id: string) => unknown) & {
  resolve(id: string): string;
  cache: Record<string, unknown>;
};

interface LoadedModule {
  exports: unknown;
}

export class SideModules {
  private readonly outputs = new Map<string, string>();
  private readonly loaded = new Map<string, LoadedModule>();
  /** Told about every module compiled to run: its URL in stack traces, name, source, emitted file and code. */
  onCompile?: (url: string, label: string, source: string, outFile: string, output: string) => void;

  constructor(
    private readonly packages: Record<string, unknown>,
    private readonly sourceOf: (
      path: string,
    ) => { source: string; label: string; outFile: string } | undefined,
  ) {}

  /** New compiled code for some of the student's modules: they load afresh the next time they are required. */
  update(outputs: { path: string; data: string }[]): void {
    for (const { path, data } of outputs) {
      this.loaded.delete(path);
      this.outputs.set(path, data);
    }
  }

  /** `require` for code in folder `dir`. */
  requireFrom(dir: string): Require {
    const require = ((id: string) => this.load(id, dir)) as Require;
    require.resolve = (id: string) => resolve(id, dir);
    require.cache = {};
    return require;
  }

  private load(id: string, dir: string): unknown {
    if (Object.hasOwn(this.packages, id)) return this.packages[id];
    if (id.startsWith(".") || id.startsWith("/")) {
      let path = id.startsWith("/") ? id : join(dir, id);
      if (!/\.[cm]?js$/.test(path)) path += ".js";
      const found = this.loaded.get(path) ?? this.run(path);
      if (found) return found.exports;
    }
    const known = Object.keys(this.packages).sort().join(", ");
    throw Object.assign(
      new Error(
        `Cannot find module '${id}' (in the browser, the kernel provides ${known}, and the notebook's own .ts files)`,
      ),
      { code: "MODULE_NOT_FOUND" },
    );
  }

  private run(path: string): LoadedModule | undefined {
    const code = this.outputs.get(path);
    if (code === undefined) return undefined;
    const module: LoadedModule = { exports: {} };
    this.loaded.set(path, module);
    const url = path.replace(/^\//, "");
    const origin = this.sourceOf(path);
    if (origin) this.onCompile?.(url, origin.label, origin.source, origin.outFile, code);
    try {
      const define = (0, eval)(`${MODULE_PREFIX}${code}\n})\n//# sourceURL=${url}`) as (
        ...args: unknown[]
      ) => void;
      define(module.exports, this.requireFrom(dirname(path)), module, path, dirname(path));
    } catch (error) {
      this.loaded.delete(path);
      throw error;
    }
    return module;
  }
}

/** Where `id`, required from `dir`, is in the kernel's file system. */
export function resolve(id: string, dir: string): string {
  if (id.startsWith("/")) return id;
  if (id.startsWith(".")) return join(dir, id);
  return join("/node_modules", id);
}
