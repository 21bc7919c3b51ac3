/**
 * Running a cell as tslab does (tslab/dist/executor.js, ported; the converter is tslab's own): TypeScript's
 * diagnostics first (the cell does not run when there are any), then the cell as a function of `exports` and
 * `require`, so that what it declares lands in one shared `exports` object that later cells read (their
 * compiled code says `exports.x` for an `x` of an earlier cell); top-level `await` makes it an async function;
 * a last expression is printed. tslab's module cells (a JSDoc `@module name` tag: a module in memory) work too.
 *
 * Where the browser differs: code runs by the worker's `eval` instead of Node's `vm`, and an error names the
 * line of the cell, or of the student's module, where it happened, found through source maps (tslab shows
 * lines of the compiled JavaScript).
 */
import { getCodeMetadata } from "tslab/dist/metadata";
import type { Converter, Diagnostic, SideOutput } from "tslab/dist/converter";
import { formatWithOptions, inspect } from "node-inspect-extracted";
import { PositionMap, emittedMaps, translatedMaps } from "./source-maps";
import { takeMisses } from "./files";
import { write } from "./output";
import { MODULE_PREFIX, SideModules } from "./require";

type Decode = (mappings: string) => {
  generatedLine: number;
  generatedCharacter: number;
  sourceIndex?: number;
  sourceLine?: number;
  sourceCharacter?: number;
}[];

/** One piece of code the worker ran, and how to find lines of its source. */
interface Ran {
  /** What an error should call it: "<cell>" or the module's path. */
  label: string;
  /** The source lines, to quote the line an error happened on. */
  source: string[];
  /** Columns added in front of the generated code's first line (the function wrapper). */
  prefixColumns: number;
  translated?: PositionMap;
  emitted?: PositionMap;
  /** Lines in front of the source that the converter added (its `export {};` before a cell). */
  sourceLineOffset: number;
}

/** "Cannot find module '{0}'", and its variant for a path that could be a package. */
const MODULE_NOT_FOUND = [2307, 2792];

const CELL_PREFIX = {
  sync: "(function(exports, require) { ",
  async: "(async function(exports, require) { ",
};

export class Executor {
  private prevDecl = "";
  private cells = 0;
  /** Every piece of code run so far, by the URL its stack frames carry. */
  private readonly ran = new Map<string, Ran>();
  readonly exports: Record<string, unknown>;

  constructor(
    private readonly converter: Converter,
    private readonly modules: SideModules,
    private readonly decode: Decode,
    cwd: string,
  ) {
    this.exports = createExports();
    // A cell's imports are resolved from the notebook's folder, as tslab's `require` is made there.
    (globalThis as Record<string, unknown>).__tslab__ = {
      exports: this.exports,
      require: modules.requireFrom(cwd),
    };
    modules.onCompile = (url, label, source, outFile, output) =>
      this.remember(url, label, source, MODULE_PREFIX.length, outFile, output, 0);
  }

  /**
   * Runs `src`; `ok` when it ran without error (diagnostics and errors are printed, as tslab prints them).
   * When it imports a module TypeScript cannot find, `askFor` is given the student's files looked for in vain:
   * if it returns some (files the page may have), the answer is `need` and nothing ran or was printed.
   */
  async execute(
    src: string,
    askFor: (paths: string[]) => string[],
  ): Promise<{ ok: true } | { ok: false; ename: string; evalue: string } | { need: string[] }> {
    const meta = getCodeMetadata(src);
    if (meta.module) {
      printDiagnostics(this.converter.addModule(meta.module, src, meta));
      return { ok: true }; // modules are registered regardless of errors, as in tslab
    }
    if (meta.mode === "browser") return { ok: true }; // tslab does nothing with these either
    const converted = this.converter.convert(this.prevDecl, src);
    if (converted.sideOutputs) this.modules.update(converted.sideOutputs as SideOutput[]);
    if (converted.diagnostics.some((d) => MODULE_NOT_FOUND.includes(d.code))) {
      const need = askFor(takeMisses());
      if (need.length) return { need };
    }
    if (converted.diagnostics.length > 0) {
      printDiagnostics(converted.diagnostics);
      return {
        ok: false,
        ename: "TypeScript",
        evalue: converted.diagnostics.map((d) => d.messageText).join("\n"),
      };
    }
    if (!converted.output) {
      this.prevDecl = converted.declOutput || "";
      return { ok: true };
    }
    const url = `__cell_${++this.cells}.js`;
    const prefix = converted.hasToplevelAwait ? CELL_PREFIX.async : CELL_PREFIX.sync;
    this.remember(url, "<cell>", src, prefix.length, "outDir/__tslab__.js", converted.output, 1);
    const wrapped = `${prefix}${converted.output}\n})(__tslab__.exports, __tslab__.require)\n//# sourceURL=${url}`;
    try {
      const result = (0, eval)(wrapped) as unknown;
      if (converted.hasToplevelAwait) await result;
    } catch (error) {
      this.printError(error);
      return { ok: false, ...errorNames(error) };
    }
    this.prevDecl = converted.declOutput || "";
    const last = converted.lastExpressionVar;
    if (last && this.exports[last] != null) {
      const value = this.exports[last];
      delete this.exports[last];
      console.log(value);
    }
    return { ok: true };
  }

  complete(src: string, position: number) {
    return this.converter.complete(this.prevDecl, src, position);
  }

  inspect(src: string, position: number) {
    return this.converter.inspect(this.prevDecl, src, position);
  }

  /** Keeps what is needed to map positions in `url` (a cell, or a module of the student's) back to `source`. */
  private remember(
    url: string,
    label: string,
    source: string,
    prefixColumns: number,
    outFile: string,
    output: string,
    sourceLineOffset: number,
  ): void {
    const maps = { emitted: emittedMaps.get(outFile), translated: translatedMaps.get(output) };
    this.ran.set(url, {
      label,
      source: source.split("\n"),
      prefixColumns,
      translated: maps.translated ? new PositionMap(maps.translated, this.decode) : undefined,
      emitted: maps.emitted ? new PositionMap(maps.emitted, this.decode) : undefined,
      sourceLineOffset,
    });
  }

  /**
   * The error as Node prints an uncaught one (its inspect: stack and own properties), with the frames of the
   * student's code at their line in the cell or module, and in front, the line it was thrown from.
   */
  private printError(error: unknown): void {
    if (!(error instanceof Error) || typeof error.stack !== "string") {
      write("stderr", `Uncaught ${inspect(error)}\n`);
      return;
    }
    let quoted = "";
    let lastOwn = -1;
    const stack = error.stack.split("\n").map((line, i) => {
      const frame = /^(\s+at (?:.*? \()?)(.*?):(\d+):(\d+)(\)?)$/.exec(line);
      if (!frame) return line;
      const place = this.original(frame[2], Number(frame[3]) - 1, Number(frame[4]) - 1);
      if (!place) return `${frame[1]}${shortUrl(frame[2])}:${frame[3]}:${frame[4]}${frame[5]}`;
      lastOwn = i;
      if (!quoted)
        quoted = `${place.label}:${place.line}\n${place.text}\n${" ".repeat(place.column - 1)}^\n\n`;
      return `${frame[1]}${place.label}:${place.line}:${place.column}${frame[5]}`;
    });
    // What called the outermost cell frame is the kernel itself, of no use to the student.
    if (lastOwn >= 0) stack.splice(lastOwn + 1);
    const shown = Object.create(Object.getPrototypeOf(error) as object) as Error;
    Object.assign(shown, error);
    Object.defineProperty(shown, "stack", { value: stack.join("\n"), enumerable: false });
    Object.defineProperty(shown, "message", { value: error.message, enumerable: false });
    write("stderr", `${quoted}${formatWithOptions({}, "%O", shown)}\n`);
  }

  /** The 1-based line and column in the student's source of a 0-based position in code run from `url`. */
  private original(url: string, line: number, column: number) {
    const ran = this.ran.get(url.replace(/^.*\/(__cell_\d+\.js)$/, "$1"));
    if (!ran) return undefined;
    let at = { line, column: line === 0 ? column - ran.prefixColumns : column };
    for (const map of [ran.translated, ran.emitted]) {
      if (!map) continue;
      const found = map.find(at.line, at.column);
      if (!found) return undefined;
      at = found;
    }
    const sourceLine = at.line - (ran.emitted ? ran.sourceLineOffset : 0);
    if (sourceLine < 0 || sourceLine >= ran.source.length) return undefined;
    return {
      label: ran.label,
      line: sourceLine + 1,
      column: at.column + 1,
      text: ran.source[sourceLine],
    };
  }
}

/**
 * tslab's `exports`: a `defineProperty` (how TypeScript's CommonJS output exports named imports) becomes a
 * plain assignment, so a later cell can declare or import the same name again.
 */
function createExports(): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  return new Proxy(exports, {
    defineProperty: (_target, prop, attributes) => {
      if (prop === "__esModule") return true;
      exports[prop as string] = attributes.get ? attributes.get() : attributes.value;
      return true;
    },
  });
}

/** tslab's format: `1:7 - Type 'number' is not assignable to type 'string'.`, on stderr. */
function printDiagnostics(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics)
    console.error(
      "%s%d:%d - %s",
      d.fileName ? `${d.fileName} ` : "",
      d.start.line + 1,
      d.start.character + 1,
      d.messageText,
    );
}

function errorNames(error: unknown): { ename: string; evalue: string } {
  if (error instanceof Error) return { ename: error.name, evalue: error.message };
  return { ename: "Error", evalue: String(error) };
}

/** A frame in the kernel's own code: the file name alone (the page's address is noise in a cell's output). */
function shortUrl(url: string): string {
  return url.replace(/^.*\//, "");
}
