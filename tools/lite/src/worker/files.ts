/**
 * The kernel's file system, in the worker: a map from absolute paths to text. Two layers:
 *   - the files shipped with the kernel (`files.json`, made by the build): TypeScript's lib files under
 *     /typescript/lib, the declaration files of the packages a cell may import under /node_modules, and what
 *     the library reads at run time (its own sources for `sourceOf`, the datasets' CSV files, the shaders);
 *   - the student's files: a copy of the notebook's folder in JupyterLite's storage, sent by the page before
 *     every cell (the worker cannot read that storage itself), at "/" + their path there.
 * Both TypeScript (through ./ts-sys) and the library (through the `fs` module of ../node/fs) read from here,
 * so a cell sees the student's files as tslab sees the disk: as they were saved when the cell started.
 */

const shipped = new Map<string, string>();
const drive = new Map<string, string>();
/** Folders implied by the files above: path -> names of its entries. Rebuilt lazily after a change. */
let folders: Map<string, Set<string>> | null = null;
/** Called with every student file that changed or went away since the last snapshot (TypeScript's watchers). */
const listeners = new Set<(path: string, removed: boolean) => void>();
/** Bumped on every change of a file: its "modification time" for TypeScript. */
const versions = new Map<string, number>();
let clock = 1;

export function addShippedFiles(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) shipped.set(path, text);
  folders = null;
}

/**
 * Replaces the student's files under `root` (a folder, e.g. "/exercises/ex01-lookback") with `files`
 * (absolute paths), telling the watchers what changed. Files elsewhere (fetched for an import outside the
 * folder) are kept unless `files` has them too.
 */
export function updateDriveFiles(root: string, files: Record<string, string>): void {
  const prefix = root.endsWith("/") ? root : `${root}/`;
  for (const path of [...drive.keys()]) {
    if (path.startsWith(prefix) && !(path in files)) {
      drive.delete(path);
      changed(path, true);
    }
  }
  for (const [path, text] of Object.entries(files)) {
    if (drive.get(path) === text) continue;
    drive.set(path, text);
    changed(path, false);
  }
}

function changed(path: string, removed: boolean): void {
  versions.set(path, clock++);
  folders = null;
  for (const listener of listeners) listener(path, removed);
}

export function onDriveChange(listener: (path: string, removed: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function readFile(path: string): string | undefined {
  return drive.get(path) ?? shipped.get(path);
}

export function fileExists(path: string): boolean {
  const found = drive.has(path) || shipped.has(path);
  if (!found && misses && isStudentPath(path)) misses.add(path);
  return found;
}

/** Student files looked for and not found since `startTrackingMisses`: the page may have them. */
let misses: Set<string> | null = null;

export function startTrackingMisses(): void {
  misses = new Set();
}

export function takeMisses(): string[] {
  const found = [...(misses ?? [])];
  misses = null;
  return found;
}

/** Paths of JupyterLite's storage, as opposed to the files shipped with the kernel. */
function isStudentPath(path: string): boolean {
  return !/^\/(node_modules|typescript|course)(\/|$)/.test(path);
}

export function isDriveFile(path: string): boolean {
  return drive.has(path);
}

export function modifiedTime(path: string): Date | undefined {
  if (!fileExists(path)) return undefined;
  return new Date(versions.get(path) ?? 0);
}

export function directoryExists(path: string): boolean {
  return folderIndex().has(trimSlash(path));
}

/** The names in folder `path`: [files, sub-folders]. */
export function listFolder(path: string): { files: string[]; folders: string[] } {
  const dir = trimSlash(path);
  const entries = [...(folderIndex().get(dir) ?? [])];
  const child = (name: string) => (dir === "/" ? `/${name}` : `${dir}/${name}`);
  return {
    files: entries.filter((name) => fileExists(child(name))).sort(),
    folders: entries.filter((name) => !fileExists(child(name))).sort(),
  };
}

function folderIndex(): Map<string, Set<string>> {
  if (folders) return folders;
  folders = new Map([["/", new Set<string>()]]);
  for (const path of [...shipped.keys(), ...drive.keys()]) {
    const parts = path.split("/").filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const parent = `/${parts.slice(0, i).join("/")}`;
      if (!folders.has(parent)) folders.set(parent, new Set());
      folders.get(parent)!.add(parts[i]);
    }
  }
  return folders;
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}
