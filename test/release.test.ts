import { ChildProcess, ExecFileOptions, execFile, execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { Case, Meta, decode, encode } from "../autograder/core";
import type { Bundle } from "../autograder/references/bundle";
import { loadTs, solve } from "../tools/check/exercise";
import { buildExercises } from "../tools/release/exercises";
import { releaseNotebook } from "../tools/release/notebook";
import { stubModule } from "../tools/release/strip";
import { writeStudentRepo } from "../tools/release/student";
import { runnerName } from "../autograder/ci/classroom";
import { reporter, type Reported } from "./classroom-reporter";
import { markdownCommands } from "./doc-commands";
import { GIT_ENV, STUDENT, isRun } from "./readme-commands";
import { readWorkflow, runJob } from "./github-workflow";
import { listFiles } from "../tools/release/write";

const root = join(__dirname, "..");
const names = readdirSync(join(root, "solutions")).filter((n) => /^ex\d+-/.test(n)).sort();

describe("stubs", () => {
  const source = [
    "/** Doc. */",
    "",
    "export function f(x: number): number {",
    "  // BEGIN SOLUTION",
    "  return secret(x);",
    "  // END SOLUTION",
    "}",
    "",
    "// BEGIN SOLUTION",
    "function secret(x: number): number {",
    "  return x * 42;",
    "}",
    "// END SOLUTION",
    "",
  ].join("\n");

  it("replace a function's solution with a named throw, drop top-level solution code, import the error", () => {
    const stub = stubModule(source, "ex99-demo");
    expect(stub).toContain('throw new NotImplementedError("ex99-demo.f");');
    expect(stub).toContain('import { NotImplementedError } from "rnn-course";');
    expect(stub).not.toMatch(/secret|42|SOLUTION/);
  });

  it("release notebooks without solution-only cells, solution blocks or outputs, tolerating stub errors", () => {
    const cell = (cell_type: string, source: string, tags?: string[]) => ({ cell_type, source, metadata: tags ? { tags } : {}, outputs: [{ text: "x" }] });
    const notebook = JSON.stringify({
      cells: [
        cell("markdown", "Intro<!-- BEGIN SOLUTION -->the answer<!-- END SOLUTION -->"),
        cell("code", "const a = 1;\n// BEGIN SOLUTION\nconst b = 2;\n// END SOLUTION", ["calls-student-code"]),
        cell("markdown", "Instructor note", ["solution-only"]),
      ],
    });
    const released = JSON.parse(releaseNotebook(notebook)) as { cells: { source: string[]; metadata: { tags?: string[] }; outputs?: unknown[] }[] };
    expect(released.cells).toHaveLength(2);
    expect(released.cells[0].source.join("")).toBe("Intro");
    expect(released.cells[1].source.join("")).toBe("const a = 1;\n// your code here");
    expect(released.cells[1].metadata.tags).toEqual(["calls-student-code", "raises-exception"]);
    expect(released.cells[1].outputs).toEqual([]);
  });

  it("refuses a notebook whose untagged cell imports the exercise's module (Run All would stop there on a syntax error)", () => {
    const code = (source: string, tags?: string[]) => ({ cell_type: "code", source, metadata: tags ? { tags } : {}, outputs: [] });
    const tagged = JSON.stringify({ cells: [code('import { mean } from "rnn-course";'), code('import { f } from "./module";\nf();', ["calls-student-code"])] });
    expect(() => releaseNotebook(tagged)).not.toThrow();
    const untagged = JSON.stringify({ cells: [code('import { f } from "./module";'), code("f();", ["calls-student-code"])] });
    expect(() => releaseNotebook(untagged, "solutions/ex99-demo/ex99-demo.ipynb")).toThrow(
      /^solutions\/ex99-demo\/ex99-demo\.ipynb, cell 1 imports the exercise's module but is not tagged calls-student-code/,
    );
  });
});

describe("npm run release", () => {
  const release = (args: string[]) => run(process.execPath, [join(root, "node_modules", ".bin", "tsx"), "tools/release/cli.ts", ...args], { cwd: root });
  const exercisesWritten = () => statSync(join(root, "exercises", "README.md")).mtimeMs;

  it("refuses a folder holding other files, or the course itself, with exit code 2, writing nothing", async () => {
    const other = mkdtempSync(join(tmpdir(), "not-a-release-"));
    onTestFinished(() => rmSync(other, { recursive: true, force: true }));
    writeFileSync(join(other, "thesis.tex"), "mine");
    const before = exercisesWritten();
    for (const [folder, expected] of [[other, "a folder npm run release wrote, or a new or empty one"], [root, "a folder outside the course repository"], [join(root, "site"), "a folder outside the course repository"]]) {
      const run = await release(["--out", folder as string]);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(`npm run release: --out: expected ${expected}, received ${JSON.stringify(folder)}`);
      expect(run.stderr).toContain("Run `npm run release -- --help`");
    }
    expect(readdirSync(other)).toEqual(["thesis.tex"]);
    expect(exercisesWritten()).toBe(before);
  });

  it("rejects an unknown option or a missing value with exit code 2, naming it", async () => {
    const unknown = await release(["--bogus"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^npm run release: unknown option --bogus \(expected one of --out, --force, --help\)\. Run `npm run release -- --help`/);
    const missing = await release(["--out"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^npm run release: --out needs a value/);
    expect((await release(["--help"])).stdout).toMatch(/--out DIR/);
  });

  it("updates an earlier release in place: its own files replaced or removed, .git and the student's files kept", () => {
    const folder = mkdtempSync(join(tmpdir(), "released-"));
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
    writeStudentRepo(root, folder, new Map([["README.md", "old"], ["ex99-dropped/task.ts", "dropped"]]));
    mkdirSync(join(folder, ".git"));
    writeFileSync(join(folder, ".git", "HEAD"), "ref: refs/heads/main\n");
    writeFileSync(join(folder, "notes.md"), "mine");
    const lecture = join(folder, "lectures", "01-time-series.ipynb");
    const before = statSync(lecture);
    writeStudentRepo(root, folder, new Map([["README.md", "new"]]));
    expect(readFileSync(join(folder, "exercises", "README.md"), "utf8")).toBe("new");
    expect(existsSync(join(folder, "exercises", "ex99-dropped"))).toBe(false);
    expect(readFileSync(join(folder, ".git", "HEAD"), "utf8")).toBe("ref: refs/heads/main\n");
    expect(readFileSync(join(folder, "notes.md"), "utf8")).toBe("mine");
    // Unchanged files are not written again: a notebook open in Jupyter there sees no change on disk.
    expect([statSync(lecture).ino, statSync(lecture).mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it("refuses to overwrite a file of the release edited since (nothing written); --force names it, then overwrites", () => {
    const folder = mkdtempSync(join(tmpdir(), "released-"));
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
    writeStudentRepo(root, folder, new Map([["README.md", "old"]]));
    writeFileSync(join(folder, "README.md"), "the instructor's own introduction");
    expect(() => writeStudentRepo(root, folder, new Map([["README.md", "new"]]))).toThrow(
      /README\.md is not as npm run release left it: nothing was written\. Add --force to write there all the same \(overwriting README\.md, keeping every other file\)/,
    );
    expect(readFileSync(join(folder, "exercises", "README.md"), "utf8")).toBe("old");
    const said: string[] = [];
    writeStudentRepo(root, folder, new Map([["README.md", "new"]]), { force: true, log: (line) => said.push(line) });
    expect(said).toEqual([`npm run release --force: writing into ${folder}, overwriting README.md, keeping every other file.`]);
    expect(readFileSync(join(folder, "exercises", "README.md"), "utf8")).toBe("new");
  });
});

describe("student repository (npm run release -- --out DIR)", () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "student-"));
    writeStudentRepo(root, out, buildExercises(root));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("contains the library, the exercises and the check, but no solutions or hidden files", () => {
    const files = listFiles(out);
    expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", "src/index.ts", "tools/check/cli.ts", "autograder/core/compare.ts", "exercises/README.md"]));
    expect(files.filter((f) => /^solutions\/|hidden|^tools\/release|^test\//.test(f))).toEqual([]);
  });

  it("opens like the course: npm ci, then npm start with the project's kernel; no workspace it lacks", () => {
    const files = listFiles(out);
    expect(files).toEqual(expect.arrayContaining(["tools/start/cli.ts", "tools/start/kernelspec.ts", "tools/kernel/kernel.js", "tools/kernel/protocol.js", "tools/kernel/guard.js", "tools/kernel/backend.js", "tools/options.ts", "scripts/prepare.ts", ".gitignore"]));
    const pkg = JSON.parse(readFileSync(join(out, "package.json"), "utf8"));
    const course = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(pkg.scripts.start).toBe(course.scripts.start);
    expect(pkg.workspaces).toEqual(["contract", "fast"]); // the library's own; the instructor's workspaces stay out
    // npm ci refuses a lock whose root entry disagrees with package.json; and nothing may point into a workspace.
    const lock = JSON.parse(readFileSync(join(out, "package-lock.json"), "utf8"));
    for (const field of ["dependencies", "devDependencies", "optionalDependencies", "bin"]) expect(lock.packages[""][field], field).toEqual(pkg[field]);
    expect(lock.packages[""].workspaces).toEqual(["contract", "fast"]);
    const missing = Object.entries(lock.packages as Record<string, { link?: boolean; resolved?: string }>)
      .filter(([path, entry]) => (!path.startsWith("node_modules/") && !existsSync(join(out, path, "package.json"))) ||
        (entry.link && entry.resolved !== "" && !existsSync(join(out, entry.resolved!))))
      .map(([path]) => path);
    expect(missing).toEqual([]);
    expect(readFileSync(join(out, ".gitignore"), "utf8")).toMatch(/^\/\.course\/$/m);
  });

  it("its README says what to install, how npm start installs JupyterLab, and how to make the folder a repository that is graded on push", () => {
    const readme = readFileSync(join(out, "README.md"), "utf8");
    for (const line of ["Python 3.10", "npm ci", "npm start", "npm start -- --yes", ".course/python", "tools/start/requirements.txt", "--notebook7", "--system-jupyter", "git init", "git push", ".github/workflows/autograde.yml"]) {
      expect(readme).toContain(line);
    }
    expect(readme).not.toMatch(/tslab install/);
  });

  it("carries what npm start needs to install JupyterLab and stop it: the pinned requirements and the server's configuration", () => {
    for (const path of ["tools/start/requirements.txt", "tools/start/jupyter-config/jupyter_server_config.py", "tools/start/jupyter-config/course_watchdog.py"]) {
      expect(readFileSync(join(out, path), "utf8"), path).toBe(readFileSync(join(root, path), "utf8"));
    }
  });

  it("carries the autograder, its workflow and the package.json entries that workflow runs", () => {
    const files = listFiles(out);
    expect(files).toEqual(expect.arrayContaining(["autograder/cli.ts", "autograder/build.ts", "autograder/bin/autograde.js", "autograder/core/grade.ts"]));
    expect(readFileSync(join(out, ".github/workflows/autograde.yml"), "utf8")).toBe(readFileSync(join(root, "autograder/ci/autograde.yml"), "utf8"));
    const pkg = JSON.parse(readFileSync(join(out, "package.json"), "utf8")) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin.autograde).toBe("autograder/bin/autograde.js");
    expect(pkg.scripts["autograder:build"]).toBe("tsx autograder/build.ts");
    expect(pkg.scripts["autograder:classroom"]).toBe("tsx autograder/ci/classroom.ts");
  });

  it("leaves out the autograder's build folder, where the instructor's bundle (hidden answers) and seed live", () => {
    const fakeRoot = mkdtempSync(join(tmpdir(), "instructor-"));
    const fakeOut = mkdtempSync(join(tmpdir(), "student-"));
    for (const file of ["package.json", "package-lock.json", "tsconfig.json", "autograder/cli.ts", "autograder/ci/autograde.yml"]) cpSync(join(root, file), join(fakeRoot, file));
    mkdirSync(join(fakeRoot, "autograder/build"));
    for (const file of ["bundle.json", "seed"]) writeFileSync(join(fakeRoot, "autograder/build", file), "secret");
    writeStudentRepo(fakeRoot, fakeOut, new Map());
    expect(listFiles(join(fakeOut, "autograder")).sort()).toEqual(["ci/autograde.yml", "cli.ts"]);
    for (const folder of [fakeRoot, fakeOut]) rmSync(folder, { recursive: true, force: true });
  });

  it("leaks no solution code, no hidden case and no answer to a hidden case", () => {
    const texts = listFiles(out).map((f) => [f, squeeze(readFileSync(join(out, f), "utf8"))] as const);
    expect(texts.map(([file]) => file)).toEqual(expect.arrayContaining([".github/workflows/autograde.yml", "autograder/grade.ts", "autograder/README.md"]));
    const leaks: string[] = [];
    const scan = (needle: string, what: string, where: (file: string) => boolean = () => true) => {
      for (const [file, text] of texts) if (where(file) && text.includes(squeeze(needle))) leaks.push(`${what} ${JSON.stringify(needle)} in ${file}`);
    };
    scan("BEGIN SOLUTION", "marker");
    scan("END SOLUTION", "marker");
    for (const name of names) {
      const folder = join(root, "solutions", name);
      const meta = JSON.parse(readFileSync(join(folder, "meta.json"), "utf8")) as Meta;
      const solution = readFileSync(join(folder, `${meta.module}.ts`), "utf8");
      // The library (src/, contract/, fast/) and the lectures, which show its code, are course material students get on
      // purpose, and its readable BPTT, cells or kernels share generic lines with some solutions (a backward loop
      // over time); there, only a run of three solution lines in a row counts.
      const material = (file: string) => /^(src|contract|fast|lectures)\//.test(file);
      for (const line of solutionLines(solution)) scan(line, "solution line", (file) => !material(file));
      for (const run of solutionRuns(solution, 3)) scan(run, "solution block", material);
      const { hidden } = loadTs<{ hidden: Case[] }>(join(folder, "hidden.ts"));
      for (const c of hidden) scan(`"${c.id}"`, "hidden case id");
      const answers = solve(join(folder, `${meta.module}.ts`), hidden);
      for (const number of distinctiveNumbers(encode([...answers.values()]))) scan(number, "hidden answer");
    }
    expect(leaks).toEqual([]);
  });

  it("its own npm test runs the checks, which report not implemented instead of crashing", async () => {
    linkDependencies(out);
    const test = await run("npm", ["test"], { cwd: out, timeout: 240_000 });
    const output = test.stdout + test.stderr;
    expect(test.status, output).toBe(1); // unfinished exercises fail, by design
    for (const name of names) expect(output).toMatch(new RegExp(`${name}: 0/\\d+ points`));
    expect(output).toContain("not implemented yet");
    expect(output).not.toMatch(/crashed|could not be loaded|internal error/);
  }, 240_000);

  it("its workflow grades the public cases and reports points per exercise and the total as GitHub Classroom reads them", async () => {
    linkDependencies(out);
    if (!existsSync(join(out, "dist"))) expect((await run("npm", ["run", "build"], { cwd: out })).status).toBe(0); // npm ci's prepare step
    // A student who finished ex01 and all of ex03 but its first function; every other exercise is a stub.
    const solved = { "ex01-lookback": [], "ex03-statistics": ["summarize"] } as Record<string, string[]>;
    for (const [exercise, stubbed] of Object.entries(solved)) {
      const meta = JSON.parse(readFileSync(join(out, "exercises", exercise, "meta.json"), "utf8")) as Meta;
      const module = join(out, "exercises", exercise, `${meta.module}.ts`);
      const stub = readFileSync(module, "utf8");
      onTestFinished(() => writeFileSync(module, stub));
      writeFileSync(module, stubModule(unmarked(readFileSync(join(root, "solutions", exercise, `${meta.module}.ts`), "utf8"), stubbed), exercise));
    }
    const workflow = readWorkflow(join(out, ".github/workflows/autograde.yml"));
    // What GitHub Classroom looks for, as in the workflow it generates.
    expect(workflow.name).toBe("Autograding Tests");
    expect(Object.keys(workflow.jobs)).toEqual(["run-autograding-tests"]);
    expect(Object.keys(workflow.on).sort()).toEqual(["push", "repository_dispatch", "workflow_dispatch"]);
    expect(workflow.permissions).toEqual({ contents: "read" }); // the least a grading run needs
    const uses = workflow.jobs["run-autograding-tests"].steps.flatMap((step) => step.uses ?? []);
    expect(uses.filter((use) => !/@[0-9a-f]{40}$/.test(use))).toEqual([]); // pinned to commits
    const reported: Reported[] = [];
    const job = await runJob(workflow, "run-autograding-tests", {
      cwd: out,
      actor: "a-student",
      env: { ...process.env, AUTOGRADER_SEED: "" },
      timeout: 180_000,
      replace: { "npm ci": async () => existsSync(join(out, "node_modules")) }, // linked above
      actions: {
        "actions/checkout": () => true,
        "actions/setup-node": () => true,
        "actions/upload-artifact": (inputs) => existsSync(join(out, inputs.path, "results.json")),
        "classroom-resources/autograding-grading-reporter": (inputs, env) => {
          reported.push(reporter(inputs.runners, env));
          return !reported[0].failed;
        },
      },
    });
    const output = job.steps.map((s) => s.output).join("\n");
    expect(job.steps.map((s) => s.outcome), output).toEqual([...new Array(job.steps.length - 1).fill("success"), "failure"]); // unfinished work fails the reporter, as in Classroom
    expect(output).not.toMatch(/crashed|could not be loaded|internal error/);

    // Public cases only, each with its expected answer.
    const bundle = decode(readFileSync(join(job.runner, "temp", "bundle.json"), "utf8")) as Bundle;
    expect(bundle.exercises.map((e) => e.meta.id)).toEqual(names);
    expect(bundle.exercises.flatMap((e) => e.cases).filter((c) => c.hidden || c.expected === undefined)).toEqual([]);
    // Expected points: those of the cases whose function is solved.
    const expected = bundle.exercises.map((e) => {
      const scoring = e.cases.filter((c) => e.meta.id in solved && !solved[e.meta.id].includes(c.fn));
      return { id: e.meta.id, points: scoring.reduce((s, c) => s + c.points, 0), max: e.cases.reduce((s, c) => s + c.points, 0) };
    });
    expect(expected.filter((e) => e.points > 0 && e.points < e.max).length).toBe(1); // a partly done exercise

    // What the reporter hands Classroom: one runner per exercise, points per case summed, and the total.
    expect(reported).toHaveLength(1);
    const [classroom] = reported;
    expect(classroom.runners.map((r) => [r.runner, r.points, r.results.max_score])).toEqual(expected.map((e) => [runnerName(e.id), e.points, e.max]));
    expect([classroom.totalPoints, classroom.maxPoints]).toEqual([expected.reduce((s, e) => s + e.points, 0), expected.reduce((s, e) => s + e.max, 0)]);
    for (const { results } of classroom.runners) for (const test of results.tests) expect(test.status === "pass", test.name).toBe(test.score > 0);

    // The same numbers as the grader's own reports: results.json, the job summary and the uploaded reports.
    const results = JSON.parse(readFileSync(join(out, "autograde-results", "results.json"), "utf8")) as { score: number; max_score: number; tests: { name: string; output: string }[] };
    expect([results.score, results.max_score]).toEqual([classroom.totalPoints, classroom.maxPoints]);
    for (const test of results.tests.filter((t) => !Object.keys(solved).some((id) => t.name.startsWith(id)))) expect(test.output).toMatch(/not implemented yet/);
    for (const e of expected) expect(job.summary).toMatch(new RegExp(`\\| ${e.id}: .* \\| ${e.points} / ${e.max} \\|`));
    expect(output).toContain(`Classroom receives: ${classroom.totalPoints}/${classroom.maxPoints} points`);
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain(`points out of ${classroom.maxPoints}, the public cases' total`);

    // The commit GitHub Classroom itself makes when it creates the repository is not graded.
    expect((await runJob(workflow, "run-autograding-tests", { cwd: out, actor: "github-classroom[bot]", actions: {} })).skipped).toBe(true);
  }, 240_000);

  it("its README's commands work as written, in the order it gives them (test/readme-commands.ts says how each is run)", async () => {
    linkDependencies(out);
    if (!existsSync(join(out, "dist"))) expect((await run("npm", ["run", "build"], { cwd: out })).status).toBe(0);
    const scratch = mkdtempSync(join(tmpdir(), "student-remote-"));
    onTestFinished(() => rmSync(scratch, { recursive: true, force: true }));
    execFileSync("git", ["init", "-q", "--bare", join(scratch, "remote.git")]);
    const texts = [...new Set(markdownCommands("README.md", readFileSync(join(out, "README.md"), "utf8")).map((c) => c.text))];
    const runs = texts.flatMap((text) => {
      const way = STUDENT[text];
      return way && isRun(way) && way.in === "student" ? [[text, way] as const] : [];
    });
    expect(runs.map(([text]) => text)).toEqual(expect.arrayContaining(["git push -u origin HEAD", "npm run autograder:build", "npm run autograde -- ."]));
    for (const [text, way] of runs) {
      const command = (way.as ?? text).replaceAll("{scratch}", scratch);
      const result = await run("bash", ["-eo", "pipefail", "-c", command], { cwd: out, env: { ...process.env, ...GIT_ENV, AUTOGRADER_SEED: "", npm_config_update_notifier: "false" }, timeout: 180_000 });
      const output = result.stdout + result.stderr;
      expect(result.status, `${command}\n${output}`).toBe(way.status ?? 0);
      if (way.shows) expect(output, command).toMatch(way.shows);
    }
    expect(readFileSync(join(out, "autograde-results", "summary.md"), "utf8")).toMatch(/^## Autograder: 0 \/ \d+ points/);
  }, 240_000);
});

/** A solution module with the solution markers of every function but `stubbed` removed: stubModule then stubs only those. */
function unmarked(source: string, stubbed: string[]): string {
  let fn = "";
  return source
    .split("\n")
    .filter((line) => {
      fn = /^\s*export\s+function\s+(\w+)/.exec(line)?.[1] ?? fn;
      return stubbed.includes(fn) || !/^\s*\/\/ (BEGIN|END) SOLUTION\s*$/.test(line);
    })
    .join("\n");
}

/** Runs a command without blocking the test worker (a worker blocked for a minute misses vitest's heartbeats). */
function run(command: string, args: string[], options: ExecFileOptions): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child: ChildProcess = execFile(command, args, { ...options, encoding: "utf8", maxBuffer: 1 << 26 }, (_, stdout, stderr) =>
      resolve({ status: child.exitCode, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

/**
 * node_modules as npm ci leaves it: the instructor's packages as real files (hard links, copies across
 * devices: the grader's sandbox reads packages, not symbolic links out of the repository), and rnn-course and
 * its own packages pointing at the student repository itself. The instructor's other workspace links are left out.
 */
function linkDependencies(repo: string): void {
  if (existsSync(join(repo, "node_modules"))) return;
  mirror(join(root, "node_modules"), join(repo, "node_modules"), true);
}

function mirror(from: string, to: string, top = false): void {
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) mirror(source, target);
    else if (!entry.isSymbolicLink()) linkOrCopy(source, target);
    else if (!top || ["rnn-course", "rnn-course-contract", "rnn-course-fast"].includes(entry.name)) symlinkSync(readlinkSync(source), target);
  }
}

function linkOrCopy(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
  }
}

/** The distinctive lines of a module's solution blocks (long enough not to occur by chance). */
function solutionLines(source: string): string[] {
  const blocks = source.match(/\/\/ BEGIN SOLUTION\n([\s\S]*?)\/\/ END SOLUTION/g) ?? [];
  return blocks.flatMap((b) => b.split("\n").slice(1, -1)).map((l) => l.trim()).filter((l) => l.length >= 30);
}

/** Every `length` consecutive lines of each solution block, joined: a copied block shows up as such a run. */
function solutionRuns(source: string, length: number): string[] {
  const blocks = source.match(/\/\/ BEGIN SOLUTION\n([\s\S]*?)\/\/ END SOLUTION/g) ?? [];
  return blocks.flatMap((b) => {
    const lines = b.split("\n").slice(1, -1).map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith("//"));
    return lines.slice(0, Math.max(0, lines.length - length + 1)).map((_, i) => lines.slice(i, i + length).join("\n"));
  });
}

/** Text with indentation and blank lines removed, so re-indented copies still match. */
function squeeze(text: string): string {
  return text.split("\n").map((l) => l.trim()).filter((l) => l.length > 0).join("\n");
}

/** Long numbers that can only come from computing the answer (not round-off like 2.220446049250313e-16 or 0.5000000000000001). */
function distinctiveNumbers(text: string): string[] {
  const numbers = text.match(/-?\d+\.\d{6,}(e-?\d+)?/g) ?? [];
  return numbers.filter((n) => Math.abs(Number(n)) > 1e-12 && !/00000|99999/.test(n));
}
