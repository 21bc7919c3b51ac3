/**
 * The sandbox reads a private copy of the submission, never the submission itself: the permission model
 * follows symbolic links out of the folders it allows. Before anything is copied, the submission is
 * surveyed: every path resolved, links to folders and links that leave the submission refused and named,
 * only regular files kept (no devices, pipes or node_modules), and files, folders, bytes and depth counted
 * against limits no real submission reaches. A submission over a limit is refused at once, in words; one
 * within them is copied exactly as surveyed.
 */
import { copyFileSync, lstatSync, mkdirSync, opendirSync, realpathSync, statSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, relative, isAbsolute } from "node:path";

/**
 * The course's exercises/ folder holds 51 files in 11 folders, 2 deep, 0.25 MB (its notebooks saved with
 * chart outputs add about 1 MB each); every limit is far above what a student adds to it, and far below
 * what would keep the grader busy before the submission's time budget starts.
 */
export const COPY_LIMITS = {
  /** Names read in all folders, skipped ones (node_modules, dot-files) included: bounds the survey itself. */
  entries: 10_000,
  files: 2_000,
  folders: 500,
  /** Folders below exercises/ (exercises/ex01-lookback/ is 1). */
  depth: 16,
  bytes: 50 * 2 ** 20,
  /** TypeScript is compiled before grading starts; the course's own is about 0.1 MB. */
  typeScriptBytes: 4 * 2 ** 20,
};

/** A submission that cannot be graded at all, in words a student understands. */
export class SubmissionRefused extends Error {}

export interface Copy {
  /** The copy of the exercises folder. */
  folder: string;
  /** What was left out: paths relative to the submission, and why. */
  refused: Refused[];
}

export interface Refused {
  path: string;
  why: string;
}

/** What a copy of the submission will hold, found before anything is copied. */
export interface Survey {
  /** Folders to create, relative to the copy, parents first. */
  folders: string[];
  /** Files to copy: where the content is (resolved) and where it goes, relative to the copy. */
  files: { from: string; to: string }[];
  refused: Refused[];
}

/**
 * Copies the exercises of `submission` into `into`: its `exercises/` folder when it has one, else the
 * submission folder itself. `submission` is the folder as the grader was given it (not resolved).
 */
export function copySubmission(submission: string, into: string): Copy {
  const plan = survey(submission);
  for (const folder of plan.folders) mkdirSync(join(into, folder));
  for (const { from, to } of plan.files) copyFileSync(from, join(into, to));
  return { folder: into, refused: plan.refused };
}

/**
 * A hash of what grading `submission` reads: the paths and contents its copy would hold and what it would
 * refuse (or why the whole submission is refused). Two submissions with the same fingerprint grade the same.
 */
export function fingerprint(submission: string): string {
  const hash = createHash("sha256");
  let plan: Survey;
  try {
    plan = survey(submission);
  } catch (error) {
    return hash.update(`refused:${(error as Error).message}`).digest("hex");
  }
  for (const { path, why } of plan.refused) hash.update(`refused\0${path}\0${why}\0`);
  for (const folder of plan.folders) hash.update(`folder\0${folder}\0`);
  for (const { from, to } of plan.files) {
    const content = readFileSync(from);
    hash.update(`file\0${to}\0${content.length}\0`).update(content);
  }
  return hash.digest("hex");
}

/** The copy's plan; throws SubmissionRefused when the submission cannot be graded at all. */
export function survey(submission: string): Survey {
  if (lstatSync(submission).isSymbolicLink()) throw new SubmissionRefused(`the submission folder is a symbolic link (to ${resolved(submission) ?? "nothing"}): the grader does not follow it`);
  const root = realpathSync(submission);
  const exercises = exercisesOf(root);
  const state: State = { root, plan: { folders: [], files: [] as Survey["files"], refused: [] }, entries: 0, bytes: 0, typeScriptBytes: 0 };
  visit(exercises, relative(root, exercises), "", 0, state);
  return state.plan;
}

/** The folder graded: `exercises/` when the submission has one, else the submission itself. */
function exercisesOf(root: string): string {
  const nested = join(root, "exercises");
  let stat;
  try {
    stat = lstatSync(nested);
  } catch {
    return root;
  }
  if (!stat.isSymbolicLink()) return stat.isDirectory() ? nested : root;
  const target = resolved(nested);
  if (!target || !inside(root, target)) {
    throw new SubmissionRefused(`exercises/ is a symbolic link to ${target ?? "a path that does not exist"}, outside the submission: the grader does not follow it`);
  }
  throw new SubmissionRefused(`exercises/ is a symbolic link (to ${relative(root, target) || "."}): the grader does not follow links to folders; submit the folder itself`);
}

interface State {
  root: string;
  plan: Survey;
  entries: number;
  bytes: number;
  typeScriptBytes: number;
}

/** Surveys the folder `from` (a real path, shown to students as `shown`), to be copied at `to` in the copy. */
function visit(from: string, shown: string, to: string, depth: number, state: State): void {
  for (const name of names(from, state)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const source = join(from, name);
    const path = join(shown, name);
    const link = lstatSync(source).isSymbolicLink();
    const real = link ? resolved(source) : source;
    if (!real || !inside(state.root, real)) {
      state.plan.refused.push({ path, why: `a symbolic link to ${real ?? "nothing"}, outside the submission` });
      continue;
    }
    const stat = statSync(real);
    if (stat.isDirectory() && link) state.plan.refused.push({ path, why: "a symbolic link to a folder: the grader follows links to files only" });
    else if (stat.isDirectory()) {
      if (depth + 1 > COPY_LIMITS.depth) refuse(`folders nested more than ${COPY_LIMITS.depth} deep (${path})`);
      if (state.plan.folders.length + 1 > COPY_LIMITS.folders) refuse(`more than ${COPY_LIMITS.folders} folders`);
      state.plan.folders.push(join(to, name));
      visit(real, path, join(to, name), depth + 1, state);
    } else if (stat.isFile()) {
      if (state.plan.files.length + 1 > COPY_LIMITS.files) refuse(`more than ${COPY_LIMITS.files} files`);
      state.bytes += stat.size;
      if (state.bytes > COPY_LIMITS.bytes) refuse(`more than ${COPY_LIMITS.bytes / 2 ** 20} MiB of files`);
      if (name.endsWith(".ts")) state.typeScriptBytes += stat.size;
      if (state.typeScriptBytes > COPY_LIMITS.typeScriptBytes) refuse(`more than ${COPY_LIMITS.typeScriptBytes / 2 ** 20} MiB of TypeScript`);
      state.plan.files.push({ from: real, to: join(to, name) });
    } else {
      state.plan.refused.push({ path, why: "not a regular file" });
    }
  }
}

/** The names in `folder`, sorted, read one by one so that a folder of millions stops at the limit. */
function names(folder: string, state: State): string[] {
  const found: string[] = [];
  const dir = opendirSync(folder);
  try {
    for (let entry = dir.readSync(); entry; entry = dir.readSync()) {
      if (++state.entries > COPY_LIMITS.entries) refuse(`more than ${COPY_LIMITS.entries} files and folders in all`);
      found.push(entry.name);
    }
  } finally {
    dir.closeSync();
  }
  return found.sort();
}

function refuse(what: string): never {
  throw new SubmissionRefused(`the submission holds ${what}; the grader refuses it before grading (is a data or dependency folder inside exercises/?)`);
}

function resolved(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}
