/**
 * `fs` in the kernel's worker: reads come from the kernel's file system (../worker/files: the files shipped
 * with the kernel, and the student's, as the page sent them before the cell). Nothing is written: in a
 * notebook the library displays charts rather than writing them, and a write fails with a message saying so.
 */
import { directoryExists, fileExists, listFolder, readFile } from "../worker/files";

function missing(path: string, call: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, ${call} '${path}'`), {
    code: "ENOENT",
    path,
    syscall: call,
  });
}

export function readFileSync(path: string, options?: string | { encoding?: string }): string {
  const text = readFile(String(path));
  if (text === undefined) throw missing(String(path), "open");
  const encoding = typeof options === "string" ? options : options?.encoding;
  if (!encoding)
    throw new Error(
      `readFileSync('${path}'): the browser kernel reads text files only (pass an encoding, e.g. "utf8")`,
    );
  return text;
}

export function existsSync(path: string): boolean {
  return fileExists(String(path)) || directoryExists(String(path));
}

export function readdirSync(path: string): string[] {
  if (!directoryExists(String(path))) throw missing(String(path), "scandir");
  const { files, folders } = listFolder(String(path));
  return [...files, ...folders].sort();
}

export function statSync(path: string, options?: { throwIfNoEntry?: boolean }) {
  const isFile = fileExists(String(path));
  const isDirectory = !isFile && directoryExists(String(path));
  if (!isFile && !isDirectory) {
    if (options?.throwIfNoEntry === false) return undefined;
    throw missing(String(path), "stat");
  }
  return {
    isFile: () => isFile,
    isDirectory: () => isDirectory,
    isSymbolicLink: () => false,
    size: readFile(String(path))?.length ?? 0,
  };
}

export function realpathSync(path: string): string {
  return String(path);
}

const readOnly = (call: string) => (path: string) => {
  throw new Error(
    `${call}('${path}'): the browser kernel writes no files (in JupyterLite, save your work from the notebook)`,
  );
};
export const writeFileSync = readOnly("writeFileSync");
export const mkdirSync = readOnly("mkdirSync");
export const rmSync = readOnly("rmSync");
export const copyFileSync = readOnly("copyFileSync");

export default {
  readFileSync,
  existsSync,
  readdirSync,
  statSync,
  realpathSync,
  writeFileSync,
  mkdirSync,
  rmSync,
  copyFileSync,
};
