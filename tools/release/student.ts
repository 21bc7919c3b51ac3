/**
 * The student repository (`npm run release -- --out DIR`): the lectures, the library, the released exercises,
 * the check tool, and the autograder with the workflow that grades the public cases on every push; a
 * package.json whose `npm test` runs the public checks. Nothing from solutions/, no hidden case, no
 * instructor tooling.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { Files } from "./exercises";
import { listFiles, writeFiles } from "./write";

/** Copied as they are (when present). */
const COPIED = [
  "lectures",
  "src",
  "autograder",
  "tools/check",
  "scripts/prepare.ts",
  "tsconfig.build.json",
  "package-lock.json",
  ".gitignore",
  "LICENSE",
];

/** Never copied: the autograder's build output is the instructor's bundle (hidden cases, answers) and seed. */
const SKIPPED = [join("autograder", "build")];

/** The GitHub Actions workflow that grades a student repository, and where it is kept in this one. */
const WORKFLOW = join(".github", "workflows", "autograde.yml");
const WORKFLOW_SOURCE = join("autograder", "ci", "autograde.yml");

export function writeStudentRepo(root: string, out: string, exercises: Files): void {
  if (existsSync(out) && listFiles(out).length && !existsSync(join(out, "exercises", "README.md"))) {
    throw new Error(`${out} is not empty and not an earlier student release: refusing to overwrite it`);
  }
  for (const path of [...COPIED, "exercises", WORKFLOW]) rmSync(join(out, path), { recursive: true, force: true });
  const copied = (src: string) => !/\.ipynb_checkpoints|node_modules/.test(src) && !SKIPPED.includes(relative(root, src));
  for (const path of COPIED) {
    if (existsSync(join(root, path))) cpSync(join(root, path), join(out, path), { recursive: true, filter: copied });
  }
  mkdirSync(dirname(join(out, WORKFLOW)), { recursive: true });
  cpSync(join(root, WORKFLOW_SOURCE), join(out, WORKFLOW));
  writeFiles(join(out, "exercises"), exercises);
  writeFileSync(join(out, "package.json"), studentPackage(root));
  writeFileSync(join(out, "tsconfig.json"), studentTsconfig(root));
  writeFileSync(join(out, "README.md"), README);
}

function studentPackage(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
  pkg.scripts = {
    prepare: pkg.scripts.prepare,
    build: pkg.scripts.build,
    check: pkg.scripts.check,
    test: "npm run build && npm run check",
    "autograder:build": pkg.scripts["autograder:build"],
  };
  return JSON.stringify(pkg, null, 2) + "\n";
}

function studentTsconfig(root: string): string {
  const config = JSON.parse(readFileSync(join(root, "tsconfig.json"), "utf8")) as { include: string[] };
  config.include = ["src", "autograder", "tools", "scripts", "exercises"];
  return JSON.stringify(config, null, 2) + "\n";
}

const README = `# Time series and recurrent neural networks, in TypeScript: student edition

Lectures are notebooks in \`lectures/\`; exercises are in \`exercises/\` (see its README).

## Setup

\`\`\`sh
npm ci                      # installs, then builds the course library (rnn-course)
pip install jupyterlab      # the notebooks run on the tslab kernel: npx tslab install
\`\`\`

## Doing an exercise

1. Open \`exercises/exNN-.../exNN-....ipynb\` and read it.
2. Write the functions in the exercise's \`.ts\` file (they throw \`not implemented\` until you do).
3. Check: run the notebook's last cell, or \`npm run check exNN\` in a terminal. Each case tells you what was
   called, what was expected and what came back, with a hint.

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
