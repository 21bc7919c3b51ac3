/**
 * How each shell command of every README (the course's, autograder's, nbmake-ts's, fast's, exercises' and
 * solutions', and the student repository's as the release writes it) is known to work as written: run by a
 * test, in a scratch copy where it writes, or covered by a named test or CI stage that runs it, or an
 * exception with its reason. doc-commands.test.ts fails on a README command missing here, or an entry here
 * that no README has any more, so a new command gets a decision.
 *
 * Runs (`in`):
 * - "quick": doc-commands.test.ts, part of npm test: fast and writing nothing in the course (or in a scratch
 *   folder);
 * - "student": release.test.ts, in the student repository it releases (its node_modules linked);
 * - "slow": `npm run test:docs` (test/docs/), in a scratch copy of the course: minutes in all. CI runs it.
 */

import { readdirSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");
/** What the course holds today, so the expected lines follow a lecture or an exercise added or removed. */
const LECTURES = readdirSync(join(root, "lectures")).filter((name) => name.endsWith(".ipynb")).length;
const EXERCISES = readdirSync(join(root, "solutions")).filter((name) => /^ex\d+-/.test(name)).length;

export interface Run {
  in: "quick" | "student" | "slow";
  /** The command as run, where the documented one has a placeholder (DIR, path/to/...) filled in; {scratch}: a temporary folder. */
  as?: string;
  /** Expected exit status (default 0). */
  status?: number;
  /** What its output (stdout and stderr) must contain. */
  shows?: RegExp;
  /** Where a quick command runs: the course folder (default; it writes nothing there) or a fresh empty folder. */
  cwd?: "course" | "scratch";
}

/** Run by another test or CI stage: `by` names the file, which must mention the command. */
export interface Covered {
  by: string;
  /** What in `by` runs it, when not the command's own text. */
  mentions?: string;
  why: string;
}

export interface Excepted {
  except: string;
}

export type Way = Run | Covered | Excepted;

const INSTALLS = "installs system packages (root or a Python environment); .ci/run installs what CI needs with apt";
const JUPYTER = "starts Jupyter, which runs until stopped";
const BENCH = "a benchmark: minutes, and it measures rather than checks; its --help is tested in cli-usage.test.ts";
const NAME = "names the command in prose; its runnable forms are listed in the same README";
const NOTEBOOKS = "runs whole folders of notebooks (minutes); npm test runs every one of them through nbmake-ts (test/notebooks-*.test.ts)";

/** Commands of the course's READMEs, run in the course folder (README.md, autograder/, fast/, tools/nbmake-ts/, exercises/, solutions/). */
export const COURSE: Record<string, Way> = {
  "npm ci": { by: ".ci/run", why: "CI's first stage on a clean clone" },
  "npm install-scripts ls": { in: "slow", shows: /No packages with unreviewed install scripts/ },
  "npm test": { by: ".ci/run", why: "CI's test stage (and this test is part of it)" },
  "npm test -- test/series.test.ts": { in: "slow", shows: /series\.test\.ts/ },
  "npm run test:load": { except: "runs the whole suite beside two busy loops (about 5 minutes); a tool for checking the suite on a busy machine" },
  "npm run test:browser": { by: ".ci/run", why: "CI's browser stage" },
  "npm run test:webgpu": { by: ".ci/run", why: "CI's WebGPU stage (on lavapipe)" },
  "npm run test:docs": { by: ".ci/run", why: "CI's README-commands stage (the slow commands of this table)" },
  "npm run test:lite": { by: ".ci/run", why: "CI's JupyterLite stage, on the site its site stage built" },
  "npm run check": { in: "slow", status: 1, shows: new RegExp(`^total: 0/\\d+ points, 0 of \\d+ cases passed, 0 of ${EXERCISES} exercises complete$`, "m") },
  "npm run check ex01": { in: "quick", status: 1, shows: /^ex01-lookback: 0\/7 points/m },
  "npm run check ex06": { in: "quick", status: 1, shows: /^ex06-rnn-cell: 0\/\d+ points/m },
  "npm run check -- --dir solutions ex01": { in: "quick", shows: /^ex01-lookback: 7\/7 points, all passed$/m },
  "npm start": { by: "test/browser/course-server.ts", mentions: '"start"', why: JUPYTER + "; the browser tests start it (and test/start.test.ts with a stand-in Jupyter)" },
  "npm start -- --port 8890": { by: "test/start.test.ts", mentions: '"--port"', why: JUPYTER },
  "npm start -- --no-browser": { by: "test/start.test.ts", mentions: '"--no-browser"', why: JUPYTER },
  "npm start -- --notebook": { by: "test/browser/course-server.ts", mentions: '"--notebook"', why: JUPYTER },
  "npm start -- --yes": { by: "test/browser/frontends.e2e.ts", mentions: '"--yes"', why: `${JUPYTER}; on a clean clone (CI) it makes the course's environment from PyPI` },
  "npm start -- --notebook7": { by: "test/browser/frontends.e2e.ts", mentions: '"--notebook7"', why: JUPYTER },
  "npm start -- --python python3.12": { by: "test/start.test.ts", mentions: '"--python"', why: `${JUPYTER}; a test makes the environment with a stand-in Python named this way` },
  "npm start -- --system-jupyter": { by: "test/start.test.ts", mentions: '"--system-jupyter"', why: JUPYTER },
  "git pull": { except: NAME },
  "npm start -- --help": { in: "quick", shows: /--no-browser/ },
  "COURSE_BACKEND=webgpu npm start": { except: `needs a GPU, and ${JUPYTER}` },
  "COURSE_BACKEND=webgpu node --import tsx my-training.ts": { except: "needs a GPU and a training script of the reader's own" },
  "node --import tsx tools/start/cli.ts": { by: "test/start.test.ts", mentions: '"tools/start/cli.ts"', why: `npm start without npm (for Windows): ${JUPYTER}` },
  "JUPYTER_PATH=$PWD/.course/jupyter jupyter lab": { except: "needs JupyterLab (from PyPI; Debian, and so CI, has classic Notebook only), which runs until stopped" },
  "sudo apt-get install chromium jupyter-notebook python3-nbconvert": { except: INSTALLS },
  "apt-get install bubblewrap": { except: INSTALLS },
  "sudo apt-get install -y bubblewrap": { except: INSTALLS },
  "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0": { except: "changes a kernel setting of a GitHub runner (root)" },
  sudo: { except: NAME },
  python3: { except: NAME },
  "jupyter nbconvert --execute": { except: "names another tool in prose, to compare" },
  "jupyter nbconvert --to html": { by: "test/browser/stored-charts.e2e.ts", mentions: "nbconvert", why: "the browser stage runs every lecture through it" },
  "JUPYTER_PATH=$PWD/tools/nbmake-ts/jupyter /usr/bin/python3 -m nbconvert --config tools/nbmake-ts/jupyter/nbconvert_tslab.py --to notebook --execute --output-dir /tmp/executed lectures/*.ipynb": {
    except: "executes every lecture through Debian's Jupyter (several minutes); kept as the way to compare with nbconvert",
  },
  "node tools/kernel/kernel.js --config-path <file>": { by: "tools/nbmake-ts/src/project.ts", mentions: '"kernel.js"', why: "how nbmake-ts starts each kernel, with the connection file it writes; every notebook test runs it" },
  "node {resource_dir}/../../../../kernel/kernel.js": { except: "quotes the kernelspec's command line, which Jupyter runs with {resource_dir} filled in" },
  node: { except: NAME },
  "npx autograde": { except: "named as the form that works only inside the course folder" },
  "npx --no-install": { except: "named as a form that still asks the registry" },
  "npm install @tensorflow/tfjs-node-gpu": { except: "downloads TensorFlow's C library from Google's storage (unreachable here) for CUDA 11" },
  "npm run build": { by: "scripts/test.ts", mentions: "prepare.ts", why: "npm test's first step (npm run build runs scripts/prepare.ts)" },
  "npm run build:wasm": { by: "fast/test/simd-wasm.test.ts", mentions: "build:wasm", why: "a test compiles the module as npm run build:wasm does and compares it with the committed one" },
  "npm run bench": { except: BENCH },
  "npm run -s bench -- --json": { except: BENCH },
  "npm run bench -- --backends webgpu,wasm --workloads W3,W5": { except: `needs a GPU; ${BENCH}` },
  "npm run bench:gemm": { except: BENCH },
  "npm run bench:autograder -- [count] [jobs] [--grader DIR]": { except: BENCH },
  "npm run bench:autograder -- 20 2": { except: BENCH },
  "npm run bench:nbmake": { except: BENCH },
  "npm run bench:exercises": { except: "a benchmark: minutes (it grades every exercise three times), and it measures rather than checks" },
  "npm run bench:exercises [-- exercise ...]": { except: "a benchmark: it grades the named exercises three times each, and measures rather than checks" },
  "npm run calibrate": { except: "trains hundreds of networks (many minutes) and rewrites the solutions' thresholds.ts; its --help is tested in cli-usage.test.ts" },
  "npm run calibrate -- --margins N": { except: "runs every experiment judge N times on right and wrong answers (many minutes); its --help is tested in cli-usage.test.ts" },
  "npm run bench:lite": { except: "a benchmark: minutes of Chromium and of the Node kernel; it measures rather than checks" },
  "python3 -m http.server -d site 8000": { except: "starts a web server, which runs until stopped; test:lite serves the site the same way (test/lite/static-server.ts)" },
  "python3 -m http.server -d site": { except: NAME },
  "apt-get install python3-venv": { except: INSTALLS },
  "jupyter lite build": { except: "names the tool npm run site runs (tools/lite/build.ts); npm run site is run by test:docs and CI" },
  "jupyter labextension build": { except: "names JupyterLab's command, for what @jupyter/builder is; the course runs the builder itself" },
  "npm run site -- --no-lite": { in: "slow", shows: new RegExp(`^${LECTURES} lecture page\\(s\\) and index\\.html written to site/$`, "m") },
  "npm run nbmake": { except: NAME },
  "npm run nbmake -- --overwrite": { except: NAME },
  "npm run nbmake -- --help": { in: "quick", shows: /--no-shared-compiler/ },
  "npm run nbmake -- lectures": { except: NOTEBOOKS },
  "npm run nbmake -- lectures exercises": { except: NOTEBOOKS },
  "npm run nbmake -- --jobs 2 lectures": { except: NOTEBOOKS },
  "npm run nbmake -- --overwrite lectures": { except: NOTEBOOKS },
  "npm run nbmake -- --jobs 2 --timeout 300 lectures exercises solutions": { except: NOTEBOOKS },
  "npm run build && npm run nbmake -- --overwrite lectures": { except: NOTEBOOKS },
  "npm run nbmake -- --no-regress some.ipynb": { in: "slow", shows: /^1 passed, 0 failed/m },
  "npm run nbmake -- --timeout 300 slow.ipynb": { in: "slow", shows: /^1 passed, 0 failed/m },
  "npm run nbmake -- --no-shared-compiler nb.ipynb": { in: "slow", shows: /^1 passed, 0 failed/m },
  "npm run format": { in: "slow", shows: /notebooks: every code cell formatted, within 100 columns/ },
  "npm run format -- --check": { in: "slow", shows: /notebooks: every code cell formatted, within 100 columns/ },
  "npm run site": { in: "slow", shows: new RegExp(`^${LECTURES} lecture page\\(s\\) and index\\.html written to site/$`, "m") },
  "npm run site -- --out public lectures/01-time-series.ipynb": { in: "slow", shows: /^1 lecture page\(s\) and index\.html written to public\/$/m },
  "npm run site -- --out ../gh-pages --force": { in: "slow", shows: /keeping \.git\/ and CNAME/ },
  "node --import tsx example.mts": { in: "slow" },
  "npm run release": { in: "slow", shows: /^exercises\/: \d+ files from solutions\/$/m },
  "npm run release -- --out": { except: NAME },
  "npm run release -- --out DIR": { in: "slow", as: "npm run release -- --out ../DIR", shows: /Student repository written to/ },
  "npm run release -- --out ../rnn-course-student": { in: "slow", shows: /Student repository written to/ },
  'cd ../rnn-course-student && git init -q && git add -A && git commit -q -m "Release"': { in: "slow" },
  'git init && git add -A && git commit -m "Release"': { in: "quick", cwd: "scratch", shows: /Release/ },
  "npm run autograder:build": { in: "slow", shows: new RegExp(`${EXERCISES} exercises, \\d+ public and \\d+ hidden cases`) },
  "npm run autograde": { except: NAME },
  "npm run autograde -- --help": { in: "quick", shows: /--batch <folder>/ },
  "npm run autograde -- path/to/student-repo": { in: "slow", shows: /: 0 \/ \d+ points/ },
  "npm run autograde -- path/to/student-repo --seed S": { in: "slow", shows: /: 0 \/ \d+ points/ },
  "npm run autograde -- path/to/submission [--seed S]": { in: "slow", as: "npm run autograde -- path/to/submission --seed S", shows: /submission: 0 \/ \d+ points/ },
  "npm run autograder:classroom -- autograde-results/results.json": { in: "slow", shows: /^Classroom receives: 0\/\d+ points$/m },
  "npm run autograde -- --batch submissions/ --jobs 2": { in: "slow", shows: /(alice|bob): \d+ \/ \d+ points[\s\S]*(alice|bob): \d+ \/ \d+ points/ },
  "npm run autograde -- --batch rnn-course-submissions --jobs 2 --seed S": { in: "slow", shows: /rnn-course-carol: \d+ \/ \d+ points/ },
  "npm run autograder:gradescope": { in: "slow", shows: /gradescope\.zip: \d+ files/ },
  "npm run autograder:gradescope -- --seed S": { in: "slow", shows: /gradescope\.zip: \d+ files/ },
  'npm run autograder:gradescope -- --seed "$(openssl rand -hex 8)"': { in: "slow", shows: /gradescope\.zip: \d+ files/ },
  "gh extension install github/gh-classroom": { except: "installs an extension of GitHub's gh CLI from GitHub (needs gh and the network)" },
  "gh classroom clone student-repos": { except: "needs GitHub, a signed-in gh and a classroom; it writes <assignment>-submissions/, which the --batch commands here grade" },
  "gh classroom pull student-repos": { except: "needs GitHub, a signed-in gh and a classroom" },
};

/** Commands of the student repository's README, run in the released repository. */
export const STUDENT: Record<string, Way> = {
  "git init": { in: "student" },
  "git add -A": { in: "student" },
  'git commit -m "Start the course"': { in: "student", shows: /Start the course/ },
  "git remote add origin <the address of your empty repository>": { in: "student", as: "git remote add origin {scratch}/remote.git" },
  "git push -u origin HEAD": { in: "student", shows: /->/ },
  "sudo apt-get install python3 python3-venv": { except: INSTALLS },
  python3: { except: NAME },
  "npm ci": { by: "test/browser/student-path.e2e.ts", mentions: '"ci"', why: "the browser stage installs a released repository from npm's cache (about 2 minutes)" },
  "npm start": { by: "test/browser/student-path.e2e.ts", mentions: "npm start", why: JUPYTER },
  "npm start -- --help": { in: "student", shows: /--no-browser/ },
  "npm start -- --yes": { by: "test/browser/student-path.e2e.ts", mentions: '"--yes"', why: `${JUPYTER}; the first start there makes the environment from PyPI` },
  "npm start -- --notebook7": { by: "test/browser/student-path.e2e.ts", mentions: '"--notebook7"', why: JUPYTER },
  "npm start -- --system-jupyter": { by: "test/start.test.ts", mentions: '"--system-jupyter"', why: JUPYTER },
  "npm start -- --notebook": { by: "test/browser/course-server.ts", mentions: '"--notebook"', why: `${JUPYTER}; the student path's classic Notebook 6 is started so` },
  "node --import tsx tools/start/cli.ts": { by: "test/start.test.ts", mentions: '"tools/start/cli.ts"', why: `npm start without npm (for Windows): ${JUPYTER}` },
  "npm run check ex01": { in: "student", status: 1, shows: /^ex01-lookback: 0\/7 points/m },
  "npm test": { by: "test/release.test.ts", mentions: '"test"', why: "its own test runs it in the released repository" },
  "npm run autograder:build": { in: "student", shows: new RegExp(`${EXERCISES} exercises, \\d+ public and 0 hidden cases`) },
  "npm run autograde -- .": { in: "student", shows: /: 0 \/ \d+ points/ },
};

export const isRun = (way: Way): way is Run => "in" in way;
export const isCovered = (way: Way): way is Covered => "by" in way;

/** git as a test runs it: a fixed identity, none of the user's or the system's settings (signing, hooks...). */
export const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "A Student",
  GIT_AUTHOR_EMAIL: "student@example.org",
  GIT_COMMITTER_NAME: "A Student",
  GIT_COMMITTER_EMAIL: "student@example.org",
};
