/**
 * Every documented command runs the course's own copy of a tool and never asks a package registry: npm
 * scripts (which npm resolves in the package.json at hand), or npx / npm exec only with --offline and
 * --no-install. A plain `npx nbmake-ts` outside the course folder would look the name up on the public
 * registry (unclaimed there: anyone could publish it) and, without a terminal, install and run it; even
 * `npx --no-install` asks the registry first (npm 10 and 11). Run from outside the course folder, the
 * documented forms fail at once without a network request, and the course's bins say where to run them.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { studentPackage } from "../tools/release/student";
import { documentedCommands, markdownCommands, readmeCommands, simpleCommands, workflowCommands, type DocCommand } from "./doc-commands";
import { COURSE, GIT_ENV, STUDENT, isCovered, isRun, type Run } from "./readme-commands";
import { runCommand } from "./run-command";

const root = join(__dirname, "..");

/** Commands the docs show on purpose in a form the rules below refuse, each with the reason. */
const EXCEPTIONS: { file: string; text: string; reason: string }[] = [
  { file: "autograder/README.md", text: "npx autograde", reason: "named as the form that works only inside the course folder" },
  { file: "autograder/README.md", text: "npx --no-install", reason: "named as a form that still asks the registry" },
];
const excepted = (command: DocCommand) => EXCEPTIONS.some((e) => e.file === command.file && e.text === command.text);
const all = documentedCommands(root);
const commands = all.filter((command) => !excepted(command));
const where = (command: DocCommand) => `${command.file}:${command.line}: ${command.text}`;
const outside = mkdtempSync(join(tmpdir(), "outside-the-course-"));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

/** npx, npm exec and npm x, as simple commands of a documented command. */
const packageRunners = commands.flatMap((command) => simpleCommands(command.text).filter(runsAPackage).map((words) => ({ command, words })));
function runsAPackage(words: string[]): boolean {
  return words[0] === "npx" || (words[0] === "npm" && ["exec", "x"].includes(words.find((word, i) => i > 0 && !word.startsWith("-")) ?? ""));
}

/** `npm run X`, `npm start`, `npm test` (with npm's own options before the script name). */
function scriptOf(words: string[]): string | undefined {
  if (words[0] !== "npm") return undefined;
  const [verb, script] = words.slice(1).filter((word) => !word.startsWith("-"));
  if (verb === "run" || verb === "run-script") return script;
  return verb === "start" || verb === "test" ? verb : undefined;
}

describe("the extraction", () => {
  it("finds shell blocks line by line and inline commands, with their lines, continuations joined, comments dropped", () => {
    const text = ["# Title", "", "Run `npm run site -- --out", "public` first; `lectures/` is a folder.", "", "```sh", "npm ci      # once", "$ npm run nbmake -- \\", "    --overwrite lectures", "```", "", "```ts", "npx tsx x.ts", "```"].join("\n");
    expect(markdownCommands("X.md", text).map(({ line, text, where }) => [line, text, where])).toEqual([
      [3, "npm run site -- --out public", "inline"],
      [7, "npm ci", "block"],
      [8, "npm run nbmake -- --overwrite lectures", "block"],
    ]);
    const workflow = ["steps:", "  - run: npm ci", "  - name: Grade", "    run: |", "      npm run autograde -- . \\", "        --out results", "      cat results/summary.md"].join("\n");
    expect(workflowCommands("w.yml", workflow).map(({ line, text }) => [line, text])).toEqual([
      [2, "npm ci"],
      [5, "npm run autograde -- . --out results"],
      [7, "cat results/summary.md"],
    ]);
    expect(simpleCommands("COURSE_BACKEND=webgpu npm start && npx --offline --no-install tsx a.ts | tee log")).toEqual([
      ["npm", "start"],
      ["npx", "--offline", "--no-install", "tsx", "a.ts"],
      ["tee", "log"],
    ]);
  });

  it("lists no exception that no longer occurs", () => {
    expect(EXCEPTIONS.filter((e) => !all.some((command) => command.file === e.file && command.text === e.text))).toEqual([]);
  });

  it("covers every README, the student repository's README, the workflows and the scripts", () => {
    const files = new Set(commands.map((command) => command.file));
    for (const file of ["README.md", "autograder/README.md", "tools/nbmake-ts/README.md", "fast/README.md", "(student repository)/README.md", "autograder/ci/autograde.yml", "autograder/gradescope/run_autograder", ".ci/run"]) {
      expect(files, file).toContain(file);
    }
  });
});

describe("every documented command", () => {
  it("uses npx or npm exec only with --offline and --no-install, and only for a bin the course installs", () => {
    const bins = new Set(readdirSync(join(root, "node_modules", ".bin"))); // what npm ci installs for the course
    const wrong = packageRunners
      .filter(({ words }) => !(words.includes("--offline") && (words.includes("--no-install") || words.includes("--no"))) || !bins.has(binOf(words)))
      .map(({ command }) => where(command));
    expect(wrong).toEqual([]);
  });

  it("names an npm script that the package.json where it runs has", () => {
    const course = Object.keys(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts);
    const student = Object.keys(JSON.parse(studentPackage(root)).scripts);
    const missing = commands.flatMap((command) =>
      simpleCommands(command.text)
        .map(scriptOf)
        .filter((script): script is string => script !== undefined)
        .filter((script) => !(command.file.startsWith("(student repository)") ? student : course).includes(script))
        .map((script) => `${where(command)} (no script ${script})`),
    );
    expect(missing).toEqual([]);
  });
});

describe("every README command works as written", () => {
  const readme = readmeCommands(root);
  const tableOf = (command: DocCommand) => (command.file.startsWith("(student repository)") ? STUDENT : COURSE);

  it("is run by a test, run by a named test or CI stage, or an exception with its reason (test/readme-commands.ts)", () => {
    expect(readme.filter((command) => !(command.text in tableOf(command))).map(where)).toEqual([]);
    for (const [text, way] of [...Object.entries(COURSE), ...Object.entries(STUDENT)]) {
      if ("except" in way) expect(way.except.length, text).toBeGreaterThan(10);
      if (isCovered(way)) expect(way.why.length, text).toBeGreaterThan(10);
    }
  });

  it("the table lists no command that no README has any more", () => {
    const stale = (table: Record<string, unknown>, student: boolean) =>
      Object.keys(table).filter((text) => !readme.some((c) => c.text === text && c.file.startsWith("(student repository)") === student));
    expect([...stale(COURSE, false), ...stale(STUDENT, true)]).toEqual([]);
  });

  it("a command run elsewhere is named in the file said to run it", () => {
    const missing = [...Object.entries(COURSE), ...Object.entries(STUDENT)].flatMap(([text, way]) => {
      if (!isCovered(way)) return [];
      const file = join(root, way.by);
      return existsSync(file) && readFileSync(file, "utf8").includes(way.mentions ?? text) ? [] : [`${text}: ${way.by}`];
    });
    expect(missing).toEqual([]);
  });

  const quick = Object.entries(COURSE).filter((entry): entry is [string, Run] => isRun(entry[1]) && entry[1].in === "quick");
  it.concurrent.each(quick)("%s (quick: run here)", async (text, way) => {
    const scratch = mkdtempSync(join(tmpdir(), "readme-command-"));
    try {
      writeFileSync(join(scratch, "README.md"), "A folder to run a documented command in.\n");
      const run = await runCommand("bash", ["-eo", "pipefail", "-c", way.as ?? text], {
        cwd: way.cwd === "scratch" ? scratch : root,
        env: { ...process.env, ...GIT_ENV, npm_config_update_notifier: "false" },
        timeout: 120_000,
      });
      const output = run.stdout + run.stderr;
      expect(run.status, output).toBe(way.status ?? 0);
      if (way.shows) expect(output).toMatch(way.shows);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe("output folders", () => {
  const ignored = (path: string) => {
    try {
      execFileSync("git", ["check-ignore", "-q", "--no-index", path], { cwd: root });
      return true;
    } catch {
      return false;
    }
  };

  it("every --out folder a README names inside the course is git-ignored, so a build is never committed by mistake", () => {
    const folders = commands
      .filter((command) => command.file.endsWith(".md") && !command.file.startsWith("(student repository)"))
      .flatMap((command) => [...command.text.matchAll(/--out\s+("?)([^\s"]+)\1/g)].map((m) => ({ command, folder: m[2] })))
      .filter(({ folder }) => /^[\w.-]+(\/|$)/.test(folder) && !folder.startsWith("..") && folder !== "DIR");
    expect(folders.map(({ folder }) => folder)).toContain("public");
    expect(folders.filter(({ folder }) => !ignored(`${folder}/index.html`)).map(({ command }) => where(command))).toEqual([]);
  });

  it("the default output folders and students' collected work are ignored; docs/ (GitHub Pages' folder) is not", () => {
    for (const path of ["site/index.html", "public/index.html", "_site/index.html", "autograde-results/results.json", "autograder/build/bundle.json", "submissions/alice/exercises/ex01-lookback/lookback.ts", "rnn-hw-submissions/bob/README.md"]) {
      expect(ignored(path), path).toBe(true);
    }
    for (const path of ["docs/index.html", "lectures/01-time-series.ipynb", "exercises/ex01-lookback/lookback.ts"]) expect(ignored(path), path).toBe(false);
  });
});

describe("run outside the course folder, with a registry that refuses every connection", () => {
  const env = { ...process.env, npm_config_registry: "http://127.0.0.1:9", npm_config_fetch_retries: "0", npm_config_loglevel: "http", npm_config_update_notifier: "false" };
  // npm answers every script alike outside a project: the course's tools, and npm's other verbs, stand for all.
  const forms = commands.flatMap((command) => simpleCommands(command.text)).flatMap((words) => {
    const script = scriptOf(words);
    return script && ["autograde", "nbmake", "start", "test"].includes(script) ? [words.slice(0, words.indexOf(script) + 1).join(" ")] : [];
  });

  it.concurrent.each([...new Set(forms)])("%s fails at once, asking no registry", async (form) => {
    const [command, ...args] = form.split(" ");
    const run = await runCommand(command, args, { cwd: outside, env, timeout: 60_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Could not read package\.json|Missing script/);
    expect(run.stdout + run.stderr).not.toMatch(/http fetch|ECONNREFUSED/);
  });

  it.concurrent.each([...new Set(packageRunners.map(({ words }) => words.join(" ")))])("%s fails at once, asking no registry", async (line) => {
    const [command, ...args] = line.split(" ");
    const run = await runCommand(command, args, { cwd: outside, env, timeout: 60_000 });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(/http fetch|ECONNREFUSED/);
  });

  it.concurrent("the course's autograde bin says to run it inside the course folder, and grades nothing", async () => {
    const run = await runCommand(process.execPath, [join(root, "autograder", "bin", "autograde.js"), "."], { cwd: outside });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(`autograde: run this inside the course folder, ${root}: cd there, then npm run autograde -- <submission> [options]`);
  });

  it.concurrent("the course's nbmake-ts bin says to run it inside the course folder", async () => {
    const run = await runCommand(process.execPath, [join(root, "tools", "nbmake-ts", "bin", "nbmake-ts.js"), "some.ipynb"], { cwd: outside });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`Run this inside the course folder, ${root} (after npm ci there): cd there, then npm run nbmake -- <notebooks>`);
  });
});

/** The package an npx / npm exec command runs: its first word that is not an option (after `--` for npm exec). */
function binOf(words: string[]): string {
  const rest = words[0] === "npx" ? words.slice(1) : words.slice(words.findIndex((w) => w === "exec" || w === "x") + 1);
  return rest.filter((word) => word !== "--").find((word) => !word.startsWith("-")) ?? "";
}
