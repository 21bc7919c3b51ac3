/**
 * TypeScript as tslab's converter sees it in the browser: tslab's own compiler (the fork
 * @tslab/typescript-for-tslab that the Node kernel runs, same version, same options), with four changes, all
 * made here so that the converter itself runs unmodified (the bundle maps its `require` of the fork to this
 * file):
 *   - its `sys` reads the kernel's file system (./ts-sys), not a disk;
 *   - cells are checked against the ES2022 and Web Worker libraries (where they run) instead of Node's, with
 *     Node's setImmediate, which the worker adds;
 *   - emitting a cell also makes source maps, kept here (see `sourceMapOf`), so an error can name the line of
 *     the cell it happened on;
 *   - the watch program gets a light builder program, as the project's notebook runner gives tslab in Node
 *     (tools/nbmake-ts/src/compile-service.cjs): TypeScript's own rebuilt, after every cell, a map of what each
 *     of some 800 declaration files references, which tslab never asks for.
 */
import real = require("@tslab/typescript-for-tslab/lib/typescript.js");
import { SOURCE_MAP_COMMENT, emittedMaps, remember, translatedMaps } from "./source-maps";
import { courseSys } from "./ts-sys";

type TS = typeof import("@tslab/typescript-for-tslab");
/** Functions of the compiler that its public declarations leave out. */
interface Internals {
  setSys(sys: import("@tslab/typescript-for-tslab").System): void;
  decodeMappings(mappings: string): Iterable<Mapping> & { error?: string };
  getNormalizedAbsolutePath(fileName: string, currentDirectory: string): string;
}
interface Mapping {
  generatedLine: number;
  generatedCharacter: number;
  sourceIndex?: number;
  sourceLine?: number;
  sourceCharacter?: number;
}

const ts = real as unknown as TS & Internals;
ts.setSys(courseSys(ts));

/**
 * The libraries a cell is checked against: the language, the globals of a Web Worker, and those the kernel adds
 * (../../lib.kernel.d.ts).
 */
const LIB = ["lib.es2022.d.ts", "lib.webworker.d.ts", "lib.kernel.d.ts"];

const wrapped = {} as Record<string, unknown>;
const OWN = ["createWatchCompilerHost", "createWatchProgram", "transpileModule", "decodeMappings"];
for (const key of Object.keys(ts)) {
  if (!OWN.includes(key))
    Object.defineProperty(wrapped, key, {
      enumerable: true,
      get: () => (ts as unknown as Record<string, unknown>)[key],
    });
}

wrapped.createWatchCompilerHost = (
  rootFiles: string[],
  options: import("@tslab/typescript-for-tslab").CompilerOptions,
  ...rest: unknown[]
) =>
  (ts.createWatchCompilerHost as (...args: unknown[]) => unknown)(
    rootFiles,
    { ...options, lib: LIB, sourceMap: true },
    ...rest,
  );

wrapped.createWatchProgram = (
  host: import("@tslab/typescript-for-tslab").WatchCompilerHostOfFilesAndCompilerOptions<
    import("@tslab/typescript-for-tslab").BuilderProgram
  >,
) => {
  host.createProgram = ((
    rootNames,
    options,
    compilerHost,
    old,
    configFileParsingDiagnostics,
    projectReferences,
  ) => {
    if (!rootNames) return old; // only a watch with a tsconfig.json asks this, and tslab has none
    const program = ts.createProgram({
      rootNames,
      options: options!,
      host: compilerHost,
      oldProgram: old?.getProgram(),
      configFileParsingDiagnostics,
      projectReferences,
    });
    return lightBuilder(program) as unknown as import("@tslab/typescript-for-tslab").BuilderProgram;
  }) as typeof host.createProgram;
  return ts.createWatchProgram(host);
};

/** tslab's `esModuleToCommonJSModule` goes through here: its source map is kept, and its map comment dropped. */
wrapped.transpileModule = (
  input: string,
  options: import("@tslab/typescript-for-tslab").TranspileOptions,
) => {
  const out = ts.transpileModule(input.replace(SOURCE_MAP_COMMENT, ""), {
    ...options,
    compilerOptions: { ...options.compilerOptions, sourceMap: true },
  });
  const outputText = out.outputText.replace(SOURCE_MAP_COMMENT, "");
  if (out.sourceMapText) remember(translatedMaps, outputText, out.sourceMapText);
  return { ...out, outputText };
};

/**
 * What tslab's converter and TypeScript's watch program use of a builder program: the program, a file, an
 * emit (its source maps kept), and the files a cell depends on.
 */
function lightBuilder(program: import("@tslab/typescript-for-tslab").Program) {
  // Bound now, as TypeScript's builder does: tslab then makes the previous cells' declarations the cell's
  // parent node, which binding the cell later would undo.
  program.getTypeChecker();
  return {
    getProgram: () => program,
    getProgramOrUndefined: () => program,
    getCompilerOptions: () => program.getCompilerOptions(),
    getSourceFile: (fileName: string) => program.getSourceFile(fileName),
    emit: (
      file: import("@tslab/typescript-for-tslab").SourceFile,
      writeFile: import("@tslab/typescript-for-tslab").WriteFileCallback,
      ...rest: unknown[]
    ) => {
      const keepMaps: import("@tslab/typescript-for-tslab").WriteFileCallback = (
        fileName,
        text,
        ...more
      ) => {
        if (fileName.endsWith(".js.map"))
          remember(emittedMaps, fileName.slice(0, -".map".length), text);
        else writeFile(fileName, text, ...more);
      };
      return (
        program.emit as (...args: unknown[]) => import("@tslab/typescript-for-tslab").EmitResult
      )(file, keepMaps, ...rest);
    },
    getAllDependencies: (file: import("@tslab/typescript-for-tslab").SourceFile) =>
      dependencies(program, file),
  };
}

/**
 * The file and those it imports or references, and theirs. tslab keeps the .ts and .js ones (a notebook's
 * own modules, compiled with the cell); a package's files lead only to other packages, so the walk stops there.
 */
function dependencies(
  program: import("@tslab/typescript-for-tslab").Program,
  file: import("@tslab/typescript-for-tslab").SourceFile,
): string[] {
  const checker = program.getTypeChecker();
  const found = new Set([file.fileName]);
  const queue = [file];
  const add = (next: import("@tslab/typescript-for-tslab").SourceFile | undefined) => {
    if (next && !found.has(next.fileName)) {
      found.add(next.fileName);
      queue.push(next);
    }
  };
  while (queue.length) {
    const current = queue.pop()!;
    if (current.fileName.includes("/node_modules/")) continue;
    for (const name of (
      current as unknown as { imports?: import("@tslab/typescript-for-tslab").Node[] }
    ).imports ?? []) {
      for (const declaration of checker.getSymbolAtLocation(name)?.declarations ?? [])
        add(declaration.getSourceFile());
    }
    const dir = current.fileName.slice(0, current.fileName.lastIndexOf("/"));
    for (const { fileName } of current.referencedFiles)
      add(program.getSourceFile(ts.getNormalizedAbsolutePath(fileName, dir)));
  }
  return [...found];
}

wrapped.decodeMappings = (mappings: string): Mapping[] => [...ts.decodeMappings(mappings)];

export = wrapped;
