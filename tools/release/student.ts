/**
 * The student repository (`npm run release -- --out DIR`): the lectures, the library and its fast path, the
 * released exercises, the check tool, `npm start` and the course's Jupyter kernel, and the autograder with the
 * workflow that grades the public cases on every push; a package.json whose `npm test` runs the public
 * checks and a lock file that matches it, so the repository opens with `npm ci` and `npm start` as the course
 * does. Nothing from solutions/, no hidden case, no instructor tooling.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { ArgumentError } from "../../src/errors";
import { writeIfChanged } from "../write-if-changed";
import { Files } from "./exercises";
import { listFiles, mirror, writeFiles } from "./write";

/** Copied as they are (when present). */
const COPIED = [
  "lectures",
  "src",
  "fast/package.json",
  "fast/tsconfig.build.json",
  "fast/README.md",
  "fast/src",
  "fast/assembly",
  "autograder",
  "tools/check",
  "tools/start",
  "tools/kernel",
  "tools/options.ts",
  "scripts/prepare.ts",
  "tsconfig.build.json",
  ".gitignore",
  "LICENSE",
];

/** The workspaces a student repository keeps: the library's fast path, which the library loads. */
const RELEASED_WORKSPACES = ["fast"];

/** Never copied: the autograder's build output is the instructor's bundle (hidden cases, answers) and seed. */
const SKIPPED = [join("autograder", "build")];

/** The GitHub Actions workflow that grades a student repository, and where it is kept in this one. */
const WORKFLOW = join(".github", "workflows", "autograde.yml");
const WORKFLOW_SOURCE = join("autograder", "ci", "autograde.yml");

/**
 * Throws unless `out` may receive a student repository: a new or empty folder, or an earlier release (which
 * is updated in place, its .git and the student's other files kept). Never the course itself or a folder
 * around or inside it.
 */
export function checkOutFolder(root: string, out: string): void {
  if (within(out, root) || within(root, out)) {
    throw new ArgumentError("--out", "a folder outside the course repository", out);
  }
  const earlierRelease = existsSync(join(out, "exercises", "README.md")) && !existsSync(join(out, "solutions"));
  if (existsSync(out) && listFiles(out).length > 0 && !earlierRelease) {
    throw new ArgumentError("--out", "a new or empty folder, or an earlier student release", out, "It holds other files: nothing was written");
  }
}

/** Files that already hold what the release would write are left untouched (an open notebook sees no change). */
export function writeStudentRepo(root: string, out: string, exercises: Files): void {
  checkOutFolder(root, out);
  const copied = (src: string) => !/\.ipynb_checkpoints|node_modules/.test(src) && !SKIPPED.some((skipped) => within(relative(root, src), skipped));
  for (const path of COPIED) mirror(join(root, path), join(out, path), copied);
  mirror(join(root, WORKFLOW_SOURCE), join(out, WORKFLOW));
  writeFiles(join(out, "exercises"), exercises);
  writeIfChanged(join(out, "package.json"), studentPackage(root));
  writeIfChanged(join(out, "package-lock.json"), studentLock(root));
  writeIfChanged(join(out, "tsconfig.json"), studentTsconfig(root));
  writeIfChanged(join(out, "README.md"), README);
}

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer + sep);

function studentPackage(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string>; workspaces?: string[] };
  pkg.scripts = {
    prepare: pkg.scripts.prepare,
    build: pkg.scripts.build,
    start: pkg.scripts.start,
    check: pkg.scripts.check,
    test: "npm run build && npm run check",
    "autograder:build": pkg.scripts["autograder:build"],
  };
  // Of the course's workspaces only the library's fast path is released; tools/nbmake-ts (the notebook
  // runner) is instructor tooling.
  pkg.workspaces = (pkg.workspaces ?? []).filter((w) => RELEASED_WORKSPACES.includes(w));
  return JSON.stringify(pkg, null, 2) + "\n";
}

/**
 * The course's lock file without the workspaces that are not released, so that it matches the student
 * package.json and `npm ci` accepts it. Every package such a workspace needs (tsx, zeromq) is also a
 * dependency of the course itself.
 */
function studentLock(root: string): string {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { workspaces?: string[]; link?: boolean; resolved?: string }> };
  const dropped = (lock.packages[""].workspaces ?? []).filter((w) => !RELEASED_WORKSPACES.includes(w));
  lock.packages[""].workspaces = lock.packages[""].workspaces?.filter((w) => RELEASED_WORKSPACES.includes(w));
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (dropped.includes(path) || (entry.link && dropped.includes(entry.resolved ?? ""))) delete lock.packages[path];
  }
  return JSON.stringify(lock, null, 2) + "\n";
}

function studentTsconfig(root: string): string {
  const config = JSON.parse(readFileSync(join(root, "tsconfig.json"), "utf8")) as { include: string[] };
  config.include = ["src", "fast/src", "autograder", "tools", "scripts", "exercises"];
  return JSON.stringify(config, null, 2) + "\n";
}

const README = `# Time series and recurrent neural networks, in TypeScript: student edition

Lectures are notebooks in \`lectures/\`; exercises are in \`exercises/\` (see its README). The notebooks are
TypeScript, run by the [tslab](https://github.com/yunabe/tslab) kernel in Jupyter.

## Make it your repository

If you cloned this repository (from GitHub Classroom, say), it is yours already: commit and push as you work.
If you received it as a folder, make it a git repository and push it to an empty repository you created
(on GitHub, for instance):

\`\`\`sh
git init
git add -A
git commit -m "Start the course"
git remote add origin <the address of your empty repository>
git push -u origin HEAD
\`\`\`

Every push is graded on the public cases (see "Feedback on every push" below).

## Open the course

You need Node.js 20.6 or newer and Jupyter. Install Jupyter once:

- Debian and Ubuntu: \`sudo apt-get install jupyter-notebook\` (classic Notebook; Debian has no JupyterLab package)
- elsewhere: \`pip install jupyterlab\`

Then, in this folder:

\`\`\`sh
npm ci       # once: installs the libraries and builds the course library (rnn-course)
npm start    # opens the course in JupyterLab (or classic Notebook) in your browser
\`\`\`

\`npm start\` registers the TypeScript kernel inside this folder (\`.course/\`, which git ignores) and keeps
Jupyter's own files there too: nothing is installed globally and your own Jupyter setup is not touched. It
serves this folder on 127.0.0.1 only and opens \`lectures/\`; the exercises are one folder up, in
\`exercises/\`. Ctrl+C in the terminal stops Jupyter and its kernels. \`npm start -- --help\` lists the options
(another port, no browser, classic Notebook).

## Doing an exercise

1. Open \`exercises/exNN-.../exNN-....ipynb\` and read it.
2. Write the functions in the exercise's \`.ts\` file (they throw \`not implemented\` until you do).
3. Check: run the notebook's last cell, or \`npm run check exNN\` in a terminal. Each case tells you what was
   called, what was expected and what came back, with a hint.
4. Commit and push.

\`npm test\` runs every public check; it passes once all exercises are done. Passing the public checks is a
good sign, not a grade: the grader also runs cases you do not see.

## Feedback on every push

\`.github/workflows/autograde.yml\` runs the autograder on GitHub Actions at every push: the same public cases,
graded the way the official grader grades them (each exercise in a sandbox, with time and memory limits). The
points table appears on the run's page; the reports are attached to the run. To run it yourself:

\`\`\`sh
npm run autograder:build   # the public cases and their expected answers -> autograder/build/bundle.json
npx autograde .            # -> autograde-results/summary.md
\`\`\`
`;
