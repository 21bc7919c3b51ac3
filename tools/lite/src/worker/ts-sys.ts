/**
 * TypeScript's view of the machine (`ts.sys`), over the kernel's file system (./files). The compiler finds its
 * lib files next to where it says it runs (/typescript/lib), packages under /node_modules, and the student's
 * files at their path in JupyterLite's storage. Watchers fire when the page sends a changed copy of a file,
 * which is how tslab's converter learns that a module a cell imports was edited.
 */
import type * as TS from "@tslab/typescript-for-tslab";
import {
  directoryExists,
  fileExists,
  listFolder,
  modifiedTime,
  onDriveChange,
  readFile,
} from "./files";

let cwd = "/";

/** The notebook's folder: what `ts.sys.getCurrentDirectory()` answers, as a kernel's working directory. */
export function setCurrentDirectory(path: string): void {
  cwd = path;
}

export function currentDirectory(): string {
  return cwd;
}

type MatchFiles = (
  path: string,
  extensions: readonly string[] | undefined,
  excludes: readonly string[] | undefined,
  includes: readonly string[] | undefined,
  useCaseSensitiveFileNames: boolean,
  currentDirectory: string,
  depth: number | undefined,
  getFileSystemEntries: (path: string) => {
    files: readonly string[];
    directories: readonly string[];
  },
  realpath: (path: string) => string,
) => string[];

export function courseSys(ts: typeof TS): TS.System {
  const fileWatchers = new Map<string, Set<TS.FileWatcherCallback>>();
  const folderWatchers = new Map<string, Set<TS.DirectoryWatcherCallback>>();
  onDriveChange((path, removed) => {
    const kind = removed ? ts.FileWatcherEventKind.Deleted : ts.FileWatcherEventKind.Changed;
    for (const callback of fileWatchers.get(path) ?? []) callback(path, kind);
    for (const [folder, callbacks] of folderWatchers)
      if (path.startsWith(`${folder}/`)) for (const callback of callbacks) callback(path);
  });
  const watch = <T>(map: Map<string, Set<T>>, path: string, callback: T): TS.FileWatcher => {
    if (!map.has(path)) map.set(path, new Set());
    map.get(path)!.add(callback);
    return { close: () => map.get(path)?.delete(callback) };
  };
  const entries = (path: string) => {
    const { files, folders } = listFolder(path);
    return { files, directories: folders };
  };
  return {
    args: [],
    newLine: "\n",
    useCaseSensitiveFileNames: true,
    write: (text) => console.log(text),
    readFile: (path) => readFile(path),
    getFileSize: (path) => readFile(path)?.length ?? 0,
    writeFile: () => {
      throw new Error("the TypeScript kernel writes no files");
    },
    watchFile: (path, callback) => watch(fileWatchers, path, callback),
    watchDirectory: (path, callback) => watch(folderWatchers, path, callback),
    resolvePath: (path) => path,
    fileExists: (path) => fileExists(path),
    directoryExists: (path) => directoryExists(path),
    createDirectory: () => {},
    getExecutingFilePath: () => "/typescript/lib/typescript.js",
    getCurrentDirectory: () => cwd,
    getDirectories: (path) => listFolder(path).folders,
    readDirectory: (path, extensions, excludes, includes, depth) =>
      (ts as unknown as { matchFiles: MatchFiles }).matchFiles(
        path,
        extensions,
        excludes,
        includes,
        true,
        cwd,
        depth,
        entries,
        (p) => p,
      ),
    getModifiedTime: (path) => modifiedTime(path),
    realpath: (path) => path,
    exit: () => {},
    setTimeout: (callback, ms, ...args) => setTimeout(callback, ms, ...args),
    clearTimeout: (id) => clearTimeout(id),
  };
}
