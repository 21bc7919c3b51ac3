/**
 * The student repository (`npm run release -- --out DIR`): the lectures, the library and its fast path, the
 * released exercises, the check tool, `npm start` and the course's Jupyter kernel, and the autograder with the
 * workflow that grades the public cases on every push; a package.json whose `npm test` runs the public
 * checks and a lock file that matches it, so the repository opens with `npm ci` and `npm start` as the course
 * does. Nothing from solutions/, no hidden case, no instructor tooling.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { ArgumentError } from "../../src/errors";
import { type OutputFiles, type OutputOptions, type OutputPlan, applyOutput, planOutput } from "../output-folder";
import { Files } from "./exercises";
import { listFiles } from "./write";

/** Copied as they are (when present). */
const COPIED = [
  "lectures",
  "src",
  "contract/package.json",
  "contract/tsconfig.build.json",
  "contract/src",
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
  "tools/output-file.ts",
  "tools/output-folder.ts",
  "tools/write-if-changed.ts",
  "scripts/prepare.ts",
  "tsconfig.build.json",
  ".gitignore",
  "LICENSE",
];

/** The workspaces a student repository keeps: the library's own, its contract and its fast path. */
const RELEASED_WORKSPACES = ["contract", "fast"];

/** Never copied: the autograder's build output is the instructor's bundle (hidden cases, answers) and seed. */
const SKIPPED = /^autograder\/build(\/|$)|(^|\/)(\.ipynb_checkpoints|node_modules)(\/|$)/;

/** The GitHub Actions workflow that grades a student repository, and where it is kept in this one. */
const WORKFLOW = ".github/workflows/autograde.yml";
const WORKFLOW_SOURCE = "autograder/ci/autograde.yml";

/** Throws unless `out` lies outside the course: never the course itself or a folder around or inside it. */
export function checkOutFolder(root: string, out: string): void {
  const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer + sep);
  if (within(out, root) || within(root, out)) {
    throw new ArgumentError("--out", "a folder outside the course repository", out);
  }
}

/**
 * What writing the student repository into `out` takes, refused (nothing written) where `out` holds files an
 * earlier release did not write, or changed since: see ../output-folder.ts. An earlier release is updated in
 * place, its .git and the student's or instructor's other files kept, the files it no longer has removed.
 */
export function planStudentRepo(root: string, out: string, exercises: Files, options: Omit<OutputOptions, "command"> = {}): OutputPlan {
  checkOutFolder(root, out);
  return planOutput(out, studentFiles(root, exercises), { command: "npm run release", ...options });
}

/** Plans and writes the student repository (see planStudentRepo). */
export function writeStudentRepo(root: string, out: string, exercises: Files, options: Omit<OutputOptions, "command"> = {}): void {
  applyOutput(planStudentRepo(root, out, exercises, options));
}

/** Every file of the student repository: path in it → contents. */
export function studentFiles(root: string, exercises: Files): OutputFiles {
  const files: OutputFiles = new Map();
  for (const path of COPIED) {
    for (const file of filesUnder(join(root, path))) {
      const rel = relative(root, file).split(sep).join("/");
      if (!SKIPPED.test(rel)) files.set(rel, { data: readFileSync(file), mode: statSync(file).mode & 0o777 });
    }
  }
  files.set(WORKFLOW, readFileSync(join(root, WORKFLOW_SOURCE)));
  for (const [path, text] of exercises) files.set(`exercises/${path}`, text);
  files.set("package.json", studentPackage(root));
  files.set("package-lock.json", studentLock(root));
  files.set("tsconfig.json", studentTsconfig(root));
  files.set("README.md", STUDENT_README);
  return files;
}

/** `path` itself when it is a file, the files under it when a folder, nothing when it does not exist. */
function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  return statSync(path).isDirectory() ? listFiles(path).sort().map((file) => join(path, file)) : [path];
}

export function studentPackage(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string>; workspaces?: string[] };
  pkg.scripts = {
    prepare: pkg.scripts.prepare,
    build: pkg.scripts.build,
    start: pkg.scripts.start,
    check: pkg.scripts.check,
    test: "npm run build && npm run check",
    "autograder:build": pkg.scripts["autograder:build"],
    autograde: pkg.scripts.autograde,
    "autograder:classroom": pkg.scripts["autograder:classroom"],
  };
  // Of the course's workspaces only the library's own (its contract, its fast path) are released;
  // tools/nbmake-ts (the notebook runner) is instructor tooling.
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
  config.include = ["src", "contract/src", "fast/src", "autograder", "tools", "scripts", "exercises"];
  return JSON.stringify(config, null, 2) + "\n";
}

/** The student repository's README.md. */
export const STUDENT_README = `# Time series and recurrent neural networks, in TypeScript: student edition

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

You need Node.js 20.6 or newer and Python 3.10 or newer (python.org, or your system's packages: on Debian and
Ubuntu \`sudo apt-get install python3 python3-venv\`; on macOS \`brew install python\`, as Apple's own
\`python3\` is too old). No Jupyter: the course installs its own. In this folder:

\`\`\`sh
npm ci       # once: installs the libraries and builds the course library (rnn-course)
npm start    # opens the course in JupyterLab 4 in your browser
\`\`\`

The first \`npm start\` asks before it installs JupyterLab 4 and Notebook 7 into \`.course/python\`, inside
this folder (about 50 MB to download, 215 MB on disk, the versions and hashes pinned in
\`tools/start/requirements.txt\`); answer \`y\`, or run \`npm start -- --yes\`. Later starts reuse it, and
remake it (after asking) when the course updates those versions. Nothing is written outside this folder: delete
\`.course/\` to remove it all. \`npm start\` registers the TypeScript kernel inside this folder too, and your
own Jupyter setup is not touched. It serves this folder on 127.0.0.1 only and opens \`lectures/\`; the exercises
are one folder up, in \`exercises/\`. Ctrl+C in the terminal stops Jupyter and its kernels.

- \`npm start -- --notebook7\`: Notebook 7 instead of JupyterLab;
- \`npm start -- --system-jupyter\`: a Jupyter you installed yourself instead (no environment is made);
  \`npm start -- --notebook\`: the classic Notebook on your PATH (Debian's \`jupyter-notebook\`), whose charts
  are pictures without their sliders;
- \`npm start -- --help\` lists the other options (another port, no browser, which Python).

macOS and Windows are not tested (the course is tested on Debian); on Windows run
\`node --import tsx tools/start/cli.ts\` instead of \`npm start\` so that Ctrl+C reaches it. In VS Code, run
\`npm start\` once, then start VS Code from a terminal in this folder with \`JUPYTER_PATH\` set to this folder's
\`.course/jupyter\` and pick the "TypeScript" kernel (untested).

## Doing an exercise

1. Open \`exercises/exNN-.../exNN-....ipynb\` and read it.
2. Write the functions in the exercise's \`.ts\` file (they throw \`not implemented\` until you do).
3. Check: run the notebook's last cell, or \`npm run check ex01\` in a terminal (the exercise's number or
   name: \`ex1\`, \`1\` and \`lookback\` name ex01-lookback too). Each case tells you what was called, what was
   expected and what came back, with a hint.
4. Commit and push.

\`npm test\` runs every public check; it passes once all exercises are done. Passing the public checks is a
good sign, not a grade: the grader also runs cases you do not see.

## Feedback on every push

\`.github/workflows/autograde.yml\` runs the autograder on GitHub Actions at every push: the same public cases,
graded the way the official grader grades them (each exercise in a sandbox, with time and memory limits). The
points table appears on the run's page; the reports are attached to the run; in a GitHub Classroom
assignment the points appear there too. To run it yourself:

\`\`\`sh
npm run autograder:build    # the public cases and their expected answers -> autograder/build/bundle.json
npm run autograde -- .      # -> autograde-results/summary.md
\`\`\`

Run these, like every command here, in this folder: they are the course's own scripts, and npm never asks
a package registry for them.
`;
