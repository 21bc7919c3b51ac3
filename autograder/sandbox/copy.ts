/**
 * The sandbox reads a private copy of the submission, never the submission itself: the permission model
 * follows symbolic links out of the folders it allows. Every path is resolved before it is copied, the
 * submission's own folders included: a link that stays inside the submission is copied as what it points
 * to; a link that leaves it (to the course's solutions/, through an absolute path or /proc/self/cwd...) is
 * refused and named. Only regular files are copied (no devices, pipes or node_modules), up to a size.
 */
import { copyFileSync, lstatSync, mkdirSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, isAbsolute } from "node:path";

const MAX_BYTES = 50 * 2 ** 20;
const MAX_FILES = 10_000;

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

/**
 * Copies the exercises of `submission` into `into`: its `exercises/` folder when it has one, else the
 * submission folder itself. `submission` is the folder as the grader was given it (not resolved).
 */
export function copySubmission(submission: string, into: string): Copy {
  if (lstatSync(submission).isSymbolicLink()) throw new SubmissionRefused(`the submission folder is a symbolic link (to ${resolved(submission) ?? "nothing"}): the grader does not follow it`);
  const root = realpathSync(submission);
  const exercises = exercisesOf(root);
  const state: State = { root, bytes: 0, files: 0, refused: [] };
  copyInto(exercises, relative(root, exercises), into, new Set(), state);
  return { folder: into, refused: state.refused };
}

/** The folder graded: `exercises/` when the submission has one (resolved: it may be a link inside it). */
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
  if (!statSync(target).isDirectory()) throw new SubmissionRefused("exercises/ is a symbolic link to a file, not a folder");
  return target;
}

interface State {
  root: string;
  bytes: number;
  files: number;
  refused: Refused[];
}

/** Copies the folder `from` (a real path, shown to students as `shown`) into `to`. */
function copyInto(from: string, shown: string, to: string, ancestors: Set<string>, state: State): void {
  ancestors.add(from);
  for (const name of readdirSync(from)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const source = join(from, name);
    const path = join(shown, name);
    let real = source;
    if (lstatSync(source).isSymbolicLink()) {
      const target = resolved(source);
      if (!target || !inside(state.root, target)) {
        state.refused.push({ path, why: `a symbolic link to ${target ?? "nothing"}, outside the submission` });
        continue;
      }
      real = target;
    }
    const stat = statSync(real);
    if (stat.isDirectory()) {
      if (ancestors.has(real)) {
        state.refused.push({ path, why: "a symbolic link to a folder that contains it" });
        continue;
      }
      mkdirSync(join(to, name));
      copyInto(real, path, join(to, name), new Set(ancestors), state);
    } else if (stat.isFile()) {
      state.bytes += stat.size;
      if (++state.files > MAX_FILES) throw new SubmissionRefused(`the submission holds more than ${MAX_FILES} files`);
      if (state.bytes > MAX_BYTES) throw new SubmissionRefused(`the submission holds more than ${MAX_BYTES / 2 ** 20} MiB of files`);
      copyFileSync(real, join(to, name));
    } else {
      state.refused.push({ path, why: "not a regular file" });
    }
  }
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
