/**
 * The READMEs' slow commands (test/readme-commands.ts, `in: "slow"`), each run as written, in the order of
 * that table, in a scratch copy of the course: the working tree's files, its built dist/ folders and its
 * node_modules (hard links, but copies of the caches: a hard-linked file written in place would change the
 * course's own). Beside the copy, what the commands name: placeholder notebooks, student repositories to
 * grade (path/to/..., submissions/, <assignment>-submissions/), a GitHub Pages checkout, the README's example.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COURSE, GIT_ENV, isRun, type Run } from "../readme-commands";
import { runCommand } from "../run-command";

const root = join(__dirname, "..", "..");
const parent = mkdtempSync(join(tmpdir(), "readme-commands-"));
const course = join(parent, "course");
afterAll(() => rmSync(parent, { recursive: true, force: true }));

beforeAll(() => {
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) if (existsSync(join(root, file))) cpSync(join(root, file), join(course, file));
  for (const built of ["dist", "fast/dist"]) cpSync(join(root, built), join(course, built), { recursive: true });
  execFileSync("cp", ["-al", join(root, "node_modules"), join(course, "node_modules")]);
  // Caches are written in place: copies, not links (a small folder; the type check's keeps npm test short).
  for (const cache of [".cache", ".vite"]) {
    rmSync(join(course, "node_modules", cache), { recursive: true, force: true });
    if (existsSync(join(root, "node_modules", cache))) cpSync(join(root, "node_modules", cache), join(course, "node_modules", cache), { recursive: true });
  }
  placeholders();
});

/** What the documented commands name, where they expect it. */
function placeholders(): void {
  // A small notebook for nbmake's some.ipynb, slow.ipynb and nb.ipynb: one cell that uses the library.
  const notebook = {
    cells: [{ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source: ['import { sinusoid } from "rnn-course";\n', "const series = sinusoid(8, 4);"] }],
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  for (const name of ["some", "slow", "nb"]) writeFileSync(join(course, `${name}.ipynb`), JSON.stringify(notebook, null, 1) + "\n");
  // Submissions: a student repository is graded by its exercises/ folder. Alice and Carol finished ex01.
  const solved = readFileSync(join(root, "solutions", "ex01-lookback", "lookback.ts"), "utf8");
  const submission = (folder: string, done: boolean) => {
    cpSync(join(root, "exercises"), join(course, folder, "exercises"), { recursive: true });
    if (done) writeFileSync(join(course, folder, "exercises", "ex01-lookback", "lookback.ts"), solved);
  };
  submission("path/to/student-repo", false);
  submission("path/to/submission", false);
  submission("submissions/alice", true);
  submission("submissions/bob", false);
  submission("rnn-course-submissions/rnn-course-carol", true);
  // A GitHub Pages checkout for npm run site -- --out ../gh-pages --force.
  mkdirSync(join(parent, "gh-pages", ".git"), { recursive: true });
  writeFileSync(join(parent, "gh-pages", ".git", "HEAD"), "ref: refs/heads/gh-pages\n");
  writeFileSync(join(parent, "gh-pages", "CNAME"), "course.example.org\n");
  // The README's example, saved as example.mts as it says.
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const example = /### The library in a few lines[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme);
  if (!example) throw new Error("README.md: no ```ts block under \"The library in a few lines\"");
  writeFileSync(join(course, "example.mts"), example[1]);
}

const slow = Object.entries(COURSE).filter((entry): entry is [string, Run] => isRun(entry[1]) && entry[1].in === "slow");

describe("the READMEs' slow commands, as written, in a scratch copy of the course", () => {
  it.each(slow)("%s", async (text, way) => {
    const command = way.as ?? text;
    const run = await runCommand("bash", ["-eo", "pipefail", "-c", command], {
      cwd: course,
      env: { ...process.env, ...GIT_ENV, AUTOGRADER_SEED: "", npm_config_update_notifier: "false" },
      timeout: 290_000,
    });
    const output = run.stdout + run.stderr;
    expect(run.status, `${command}\n${output}`).toBe(way.status ?? 0);
    if (way.shows) expect(output, command).toMatch(way.shows);
    expect(after[text]?.() ?? true, command).toBe(true);
  });
});

/** What a command leaves behind, where its output does not say enough. */
const after: Record<string, () => boolean> = {
  "node --import tsx example.mts": () => existsSync(join(course, "figures", "loss.svg")),
  "npm run release": () => readFileSync(join(course, "exercises", "README.md"), "utf8") === readFileSync(join(root, "exercises", "README.md"), "utf8"),
  "npm run release -- --out DIR": () => existsSync(join(parent, "DIR", ".github", "workflows", "autograde.yml")),
  'cd ../rnn-course-student && git init -q && git add -A && git commit -q -m "Release"': () =>
    execFileSync("git", ["log", "--format=%s"], { cwd: join(parent, "rnn-course-student"), encoding: "utf8" }).trim() === "Release",
  "npm run site -- --out ../gh-pages --force": () => readFileSync(join(parent, "gh-pages", "CNAME"), "utf8") === "course.example.org\n" && existsSync(join(parent, "gh-pages", "index.html")),
  "npm run autograde -- --batch submissions/ --jobs 2": () => gradebookRows().length === 3,
  "npm run autograder:gradescope -- --seed S": () => existsSync(join(course, "autograder", "build", "gradescope.zip")),
};

function gradebookRows(): string[] {
  return readFileSync(join(course, "autograde-results", "gradebook.csv"), "utf8").trim().split("\n");
}
