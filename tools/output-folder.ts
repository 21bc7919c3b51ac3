/**
 * Output folders of the course's commands (the site, a student repository, exercises/, the grader's reports):
 * a command owns only the files it wrote. It records them, with a hash of each, in a marker file of its own
 * (MARKER) in the folder; the next run overwrites or removes a file only when it is still what the command
 * wrote. Everything else in the folder (a git checkout's .git/, a CNAME, the user's notes) is kept.
 *
 * A folder that is new or empty is claimed (the marker written); a folder that holds other files and no
 * marker is refused, as is a file of the command's that was changed since it wrote it, unless --force: then
 * the command first says which files it overwrites and removes. Nothing under .git/ is ever written or removed.
 */
import { createHash } from "node:crypto";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, normalize, sep } from "node:path";
import { ArgumentError } from "../src/errors";
import { writeIfChanged } from "./write-if-changed";

export const MARKER = ".rnn-course-output.json";

export type Content = string | Uint8Array;
export interface OutputFile {
  data: Content;
  /** Permission bits (0o755 for a script); left as the system makes them when absent. */
  mode?: number;
}
/** Path relative to the folder, with "/" between names → what to write there. */
export type OutputFiles = Map<string, Content | OutputFile>;

export interface OutputOptions {
  /** The command as users type it ("npm run site"): recorded in the marker, named in every message. */
  command: string;
  /** What names the folder in an error (default "--out"). */
  argument?: string;
  /** Write where the folder holds files the command did not write, after saying which it overwrites or removes. */
  force?: boolean;
  /** The way out the refusal offers besides --force (default: choosing another folder). */
  otherwise?: string;
  /** Where --force says so (default: standard error). */
  log?: (line: string) => void;
}

interface Marker {
  writtenBy: string;
  version: string;
  about: string;
  /** Each file the command wrote → the sha256 of what it wrote; absent where the command claims the whole folder. */
  files?: Record<string, string>;
  /** While a run is writing: the hash each file had before it, so that a run stopped half-way still counts as its own. */
  before?: Record<string, string>;
}

/** What a run will do to a folder: decided, and refused if need be, before anything is written. */
export interface OutputPlan {
  dir: string;
  options: OutputOptions;
  writes: [string, OutputFile][];
  removals: string[];
  /** The hash of what each file to write or remove holds now. */
  now: Record<string, string>;
  marker: Marker;
}

/** Plans, then writes `files` into `dir`; see planOutput. */
export function writeOutput(dir: string, files: OutputFiles, options: OutputOptions): OutputPlan {
  const plan = planOutput(dir, files, options);
  applyOutput(plan);
  return plan;
}

/**
 * What writing `files` into `dir` takes: the files to write (those that differ from what is there), the stale
 * files of an earlier run to remove. Throws an ArgumentError, writing nothing, where that would overwrite or
 * remove a file the command did not write (or changed since), or where the folder holds other files and no
 * marker; with options.force it logs those files instead and goes ahead.
 */
export function planOutput(dir: string, files: OutputFiles, options: OutputOptions): OutputPlan {
  const marker = readMarker(dir, options);
  const own = marker?.files ?? {};
  const ours = (path: string, hash: string) => own[path] === hash || marker?.before?.[path] === hash;
  const overwritten: string[] = [];
  const writes: [string, OutputFile][] = [];
  const hashes: Record<string, string> = {};
  const now: Record<string, string> = {};
  for (const [path, content] of files) {
    checkedPath(path);
    const file = asFile(content);
    hashes[path] = sha256(file.data);
    const current = currentFile(dir, path, options);
    if (current?.hash === hashes[path] && (file.mode === undefined || current.mode === file.mode)) continue;
    writes.push([path, file]);
    if (current === undefined) continue;
    now[path] = current.hash;
    if (!ours(path, current.hash)) overwritten.push(path);
  }
  const removals: string[] = [];
  const changed: string[] = [];
  for (const path of Object.keys(own)) {
    const current = files.has(path) ? undefined : currentFile(dir, path, options, false);
    if (current === undefined) continue;
    removals.push(path);
    now[path] = current.hash;
    if (!ours(path, current.hash)) changed.push(path);
  }
  const others = marker ? [] : entries(dir);
  const kept = others.filter((name) => ![...files.keys()].some((path) => path === name || (name.endsWith("/") && path.startsWith(name))));
  if (others.length || overwritten.length || changed.length) refuseOrSay(dir, options, { others, kept, overwritten, removed: changed });
  return { dir, options, writes, removals, now, marker: newMarker(options, hashes) };
}

/**
 * Writes what planOutput decided. The marker goes first, naming both what each file holds now and what it
 * will hold, so that a run killed half-way leaves a folder the next run still recognises as its own. Each file
 * is replaced whole (tools/write-if-changed.ts), and one that already holds its bytes is not touched.
 */
export function applyOutput({ dir, writes, removals, now, marker }: OutputPlan): void {
  mkdirSync(dir, { recursive: true });
  const during: Marker = { ...marker, files: { ...pick(now, removals), ...marker.files }, before: pick(now, writes.map(([path]) => path)) };
  writeMarker(dir, during);
  for (const [path, file] of writes) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    if (lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(target);
    writeIfChanged(target, typeof file.data === "string" ? file.data : Buffer.from(file.data));
    if (file.mode !== undefined && (statSync(target).mode & 0o777) !== file.mode) chmodSync(target, file.mode);
  }
  for (const path of removals) {
    rmSync(join(dir, path), { force: true });
    removeEmptyFolders(dir, dirname(path));
  }
  writeMarker(dir, marker);
}

/**
 * For a command that writes its files as it goes (the grader's reports): claims `dir` for `options.command`
 * when it is new, empty, or was claimed by it before. A folder holding other files is refused, unless
 * options.force, which first names those of them the command may overwrite (`writes`, names directly in
 * `dir`) and keeps the rest.
 */
export function claimOutputFolder(dir: string, writes: string[], options: OutputOptions): void {
  if (checkOutputFolder(dir, writes, options)) return;
  mkdirSync(dir, { recursive: true });
  writeMarker(dir, newMarker(options));
}

/** What claimOutputFolder checks, writing nothing: true when `dir` is the command's already. */
export function checkOutputFolder(dir: string, writes: string[], options: OutputOptions): boolean {
  if (readMarker(dir, options)) return true;
  const others = entries(dir);
  const overwritten = others.filter((name) => writes.includes(name.replace(/\/$/, "")));
  if (others.length) refuseOrSay(dir, options, { others, kept: others.filter((name) => !overwritten.includes(name)), overwritten, removed: [] });
  return false;
}

/** The folder's marker when `options.command` wrote it; undefined when there is none (or --force ignores another's). */
function readMarker(dir: string, options: OutputOptions): Marker | undefined {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new ArgumentError(argumentOf(options), "a folder", `${dir} (a file)`);
  const marker = readMarkerFile(dir);
  if (marker === undefined || marker.writtenBy === options.command) return marker;
  if (options.force) return undefined;
  throw new ArgumentError(argumentOf(options), `a folder ${options.command} wrote, or a new or empty one`, dir,
    `${options.command} did not write it: ${marker.writtenBy} did (see ${MARKER} there). Nothing was written. Choose another folder`);
}

function readMarkerFile(dir: string): Marker | undefined {
  const path = join(dir, MARKER);
  if (!existsSync(path)) return undefined;
  try {
    const marker = JSON.parse(readFileSync(path, "utf8")) as Marker;
    if (typeof marker.writtenBy === "string") return marker;
  } catch {
    // Unreadable: no command's marker, so the folder counts as someone else's (refused without --force).
  }
  return undefined;
}

function newMarker(options: OutputOptions, files?: Record<string, string>): Marker {
  const about = files
    ? `${options.command} wrote the files listed here; its next run overwrites or removes only those, and only while they are as it wrote them. Delete this file to make them yours.`
    : `${options.command} writes its files into this folder and overwrites them on its next run. Delete this file to make the folder yours.`;
  return { writtenBy: options.command, version: courseVersion(), about, ...(files ? { files: sorted(files) } : {}) };
}

function writeMarker(dir: string, marker: Marker): void {
  writeIfChanged(join(dir, MARKER), JSON.stringify(marker, null, 1) + "\n");
}

/** "rnn-course 0.1.0": the package.json of the course these tools belong to. */
function courseVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as { name: string; version: string };
  return `${pkg.name} ${pkg.version}`;
}

/**
 * The file at `path` in `dir` and its hash, or undefined when there is none. A folder where a file goes, or a
 * link on the way to it (which would lead the write out of `dir`), stops the command even with --force.
 */
function currentFile(dir: string, path: string, options: OutputOptions, mustWrite = true): { hash: string; mode?: number } | undefined {
  const names = path.split("/");
  for (let i = 1; i <= names.length; i++) {
    const at = join(dir, ...names.slice(0, i));
    const stat = lstatSync(at, { throwIfNoEntry: false });
    if (stat === undefined) return undefined;
    const last = i === names.length;
    if (last && stat.isFile()) return { hash: sha256(readFileSync(at)), mode: stat.mode & 0o777 };
    if (last && stat.isSymbolicLink()) return { hash: "a link" };
    if (!last && stat.isDirectory()) continue;
    if (!mustWrite) return undefined; // no longer a file of ours: leave it alone
    const what = stat.isDirectory() ? "a folder" : stat.isSymbolicLink() ? "a link" : "a file";
    throw new ArgumentError(argumentOf(options), `a folder where ${options.command} can write ${path}`, dir,
      `${join(dir, ...names.slice(0, i))} is ${what}, which ${options.command} does not replace even with --force. Nothing was written. Move it, or choose another folder`);
  }
  return undefined;
}

interface Found {
  /** Without a marker: what the folder holds (top-level names), and those of them the run leaves alone. */
  others: string[];
  kept: string[];
  /** Files the run would overwrite or remove that are not as the command left them. */
  overwritten: string[];
  removed: string[];
}

/** Throws the refusal, or with --force says what will happen and returns. */
function refuseOrSay(dir: string, options: OutputOptions, found: Found): void {
  const { command } = options;
  const touched = [...found.overwritten, ...found.removed];
  const effect = [
    found.overwritten.length ? `overwriting ${list(found.overwritten)}` : "overwriting nothing",
    found.removed.length ? `removing ${list(found.removed)}` : "",
    found.kept.length ? `keeping ${list(found.kept)}` : "keeping every other file",
  ].filter(Boolean).join(", ");
  if (options.force) {
    (options.log ?? ((line: string) => console.error(line)))(`${command} --force: writing into ${dir}, ${effect}.`);
    return;
  }
  const what = found.others.length
    ? `It holds ${list(found.others)}, which ${command} has no record of writing`
    : `${list(touched)} ${touched.length > 1 ? "are" : "is"} not as ${command} left ${touched.length > 1 ? "them" : "it"}`;
  throw new ArgumentError(argumentOf(options), `a folder ${command} wrote, or a new or empty one`, dir,
    `${what}: nothing was written. Add --force to write there all the same (${effect}), or ${options.otherwise ?? "choose another folder"}`);
}

/** Top-level entries of `dir` other than the marker, folders with a trailing "/" (none when it does not exist). */
function entries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name !== MARKER)
    .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
    .sort();
}

/** Removes `folder` (relative to `dir`) and the folders above it while they are empty, never `dir` itself. */
function removeEmptyFolders(dir: string, folder: string): void {
  for (let path = folder; path !== "." && path !== ""; path = dirname(path)) {
    const at = join(dir, path);
    if (!existsSync(at) || readdirSync(at).length > 0) return;
    rmdirSync(at);
  }
}

/** A path the module writes: relative, normalised, "/"-separated, and never inside .git or the marker itself. */
function checkedPath(path: string): string {
  const names = path.split("/");
  const clean = normalize(path).split(sep).join("/") === path && !path.startsWith("/") && !names.includes("..") && !names.includes("");
  if (!clean || names.includes(".git") || path === MARKER) throw new Error(`output-folder: cannot write ${JSON.stringify(path)}`);
  return path;
}

const asFile = (content: Content | OutputFile): OutputFile => (typeof content === "string" || content instanceof Uint8Array ? { data: content } : content);
const sha256 = (data: Content) => createHash("sha256").update(data).digest("hex");
const argumentOf = (options: OutputOptions) => options.argument ?? "--out";
const pick = (from: Record<string, string>, paths: string[]) => Object.fromEntries(paths.filter((p) => p in from).map((p) => [p, from[p]]));
const sorted = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));

/** "a, b and c"; "a, b, c, d, e, f and 4 more" */
function list(names: string[]): string {
  const shown = names.slice(0, names.length > 7 ? 6 : 7);
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}` : shown.join("");
}
