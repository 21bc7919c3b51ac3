/**
 * Every course command answers a mistake the same way: exit code 2, one line that names the option or path,
 * says what was expected, and points at --help; and it writes nothing. (`npm start` and `npm run release`
 * have their own tests of this in start.test.ts and release.test.ts.)
 */
import { ChildProcess, execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const scratch = mkdtempSync(join(tmpdir(), "cli-usage-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** A file of the user's where a command might be told to write. */
const notes = join(scratch, "notes.json");
writeFileSync(notes, "my notes\n");

/** The commands as users type them, and the script each runs. */
const COMMANDS = {
  "npm run site": "tools/site/cli.ts",
  "npm run check": "tools/check/cli.ts",
  "npm run bench": "fast/bench/index.ts",
  "npm run nbmake": "tools/nbmake-ts/src/cli.ts",
  "npm run format": "tools/format/cli.ts",
  "npm run test:load": "scripts/test-load.ts",
  "npm run calibrate": "scripts/calibrate/cli.ts",
  "npm run autograder:build": "autograder/build.ts",
  "npm run autograder:gradescope": "autograder/gradescope/build.ts",
} as const;

type Command = keyof typeof COMMANDS;

function run(command: Command, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child: ChildProcess = execFile(process.execPath, [TSX, COMMANDS[command], ...args], { cwd: ROOT }, (_, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

const pointer = (command: Command) => `Run \`${command}${command.startsWith("npm ") ? " --" : ""} --help\` to see the options.`;

describe.concurrent("an unknown option", () => {
  it.each(Object.keys(COMMANDS) as Command[])("%s: exit 2, the option named, a pointer to --help", async (command) => {
    const { code, stdout, stderr } = await run(command, ["--bogus"]);
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(new RegExp(`^${command}: unknown option --bogus \\(expected one of --[a-z-]+(, --[a-z-]+)*\\)\\.`));
    expect(stderr.trim().endsWith(pointer(command))).toBe(true);
    expect(stdout).toBe("");
  });

  it.each(Object.keys(COMMANDS) as Command[])("%s --help: the options, exit 0", async (command) => {
    const { code, stdout } = await run(command, ["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--help/);
  });
});

describe.concurrent("a bad path or value", () => {
  it.each([
    ["npm run site", ["/no/such/lecture.ipynb"], 'notebook: expected a readable .ipynb (JSON) file, received "/no/such/lecture.ipynb"'],
    ["npm run check", ["--dir", "/no/such/folder"], '--dir: expected a folder of exercises, received "/no/such/folder"'],
    ["npm run check", ["--timeout", "soon"], '--timeout: expected a duration > 0: seconds (10, 1.5) or with a unit (500ms, 2s, 5min), received "soon"'],
    ["npm run check", ["ex99"], 'no exercise "ex99" in'],
    ["npm run check", ["cell"], '"cell" could name ex06-rnn-cell or ex11-lstm-cell or ex12-gru-cell: say which'],
    ["npm run nbmake", ["--timeout", "2h", "lectures"], '--timeout: expected a duration > 0: seconds (10, 1.5) or with a unit (500ms, 2s, 5min), received "2h"'],
    ["npm run bench", ["--workloads", "W9"], '--workloads: expected some of W1,W2,W3,W4,W5, received "W9"'],
    ["npm run nbmake", ["/no/such/notebook.ipynb"], 'path: expected an existing notebook or folder, received "/no/such/notebook.ipynb"'],
    ["npm run format", ["/no/such/notebook.ipynb"], 'path: expected an existing notebook or folder, received "/no/such/notebook.ipynb"'],
    ["npm run test:load", ["--loops", "two"], '--loops: expected a whole number from 0 to 64, received "two"'],
    ["npm run calibrate", ["--runs", "many"], '--runs: expected a whole number from 1 to 9999, received "many"'],
    ["npm run calibrate", ["ex01"], 'no exercise "ex01" in the experiment exercises (there are: ex04-beat-persistence'],
    ["npm run autograder:build", ["--out", scratch], `--out: expected a file's path, received ${JSON.stringify(`${scratch} (a folder)`)}`],
    ["npm run autograder:build", ["--out", notes], `--out: expected a file npm run autograder:build wrote, or a new path, received ${JSON.stringify(notes)}`],
    ["npm run autograder:gradescope", ["--out", notes], `--out: expected a file npm run autograder:gradescope wrote, or a new path, received ${JSON.stringify(notes)}`],
    ["npm run autograder:gradescope", ["--seed", ""], '--seed: expected a seed, e.g. 2f9c41d07ab3e865, received ""'],
  ] as [Command, string[], string][])("%s %j: exit 2, named", async (command, args, message) => {
    const { code, stderr } = await run(command, args);
    expect(code).toBe(2);
    expect(stderr).toContain(`${command}: ${message}`);
    expect(readFileSync(notes, "utf8")).toBe("my notes\n");
  });

  it("npm run check takes an exercise as ex1, 1 or lookback, checks each once, and ends with a total line", async () => {
    const { code, stdout, stderr } = await run("npm run check", ["ex1", "lookback", "2", "--timeout", "2s"]);
    expect(code, stderr).toBe(1); // the released stubs fail
    const summaries = stdout.trimEnd().split("\n").slice(-3); // after the reports: one line per exercise, then the total
    expect(summaries.map((line) => line.split(":")[0])).toEqual(["ex01-lookback", "ex02-padding", "total"]);
    const points = summaries.slice(0, 2).map((line) => /: (\d+)\/(\d+) points, (\d+) of (\d+) cases/.exec(line)!.slice(1).map(Number));
    const sum = (k: number) => points.reduce((s, p) => s + p[k], 0);
    expect(summaries[2]).toBe(`total: ${sum(0)}/${sum(1)} points, ${sum(2)} of ${sum(3)} cases passed, 0 of 2 exercises complete`);
  });

  it("npm run site into a GitHub Pages checkout: refused until --force, then only its own files change", async () => {
    const checkout = mkdtempSync(join(scratch, "gh-pages-"));
    mkdirSync(join(checkout, ".git"));
    writeFileSync(join(checkout, ".git", "HEAD"), "ref: refs/heads/gh-pages\n");
    writeFileSync(join(checkout, "CNAME"), "course.example.org\n");
    const fixture = join(ROOT, "test", "fixtures", "site", "two-charts.ipynb");
    const second = join(checkout, "..", `${basename(checkout)}-second.ipynb`);
    copyFileSync(fixture, second);
    const refused = await run("npm run site", ["--no-lite", "--out", checkout, fixture]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`npm run site: --out: expected a folder npm run site wrote, or a new or empty one, received ${JSON.stringify(checkout)}. It holds .git/ and CNAME`);
    expect(refused.stderr).toContain("Add --force");
    expect(readdirSync(checkout).sort()).toEqual([".git", "CNAME"]);
    const forced = await run("npm run site", ["--no-lite", "--out", checkout, "--force", fixture, second]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain(`npm run site --force: writing into ${checkout}, overwriting nothing, keeping .git/ and CNAME.`);
    expect(readdirSync(checkout)).toContain(`${basename(second, ".ipynb")}.html`);
    // Re-run without the second notebook and without --force: its page goes, the checkout's files stay.
    const again = await run("npm run site", ["--no-lite", "--out", checkout, fixture]);
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(checkout).sort()).toEqual([".git", ".rnn-course-output.json", "CNAME", "assets", "index.html", "two-charts.html"]);
    expect(readFileSync(join(checkout, ".git", "HEAD"), "utf8")).toBe("ref: refs/heads/gh-pages\n");
    expect(readFileSync(join(checkout, "CNAME"), "utf8")).toBe("course.example.org\n");
  });

  it("npm run site renders every page before it writes: a bad notebook leaves an earlier site whole", async () => {
    const site = join(scratch, "site");
    const fixture = join(ROOT, "test", "fixtures", "site", "two-charts.ipynb");
    expect((await run("npm run site", ["--no-lite", "--out", site, fixture])).code).toBe(0);
    const before = readdirSync(site).sort();
    const broken = join(scratch, "broken.ipynb");
    writeFileSync(broken, JSON.stringify({ cells: [{ cell_type: "markdown", source: "# Broken\n\n$\\frac{1}$" }] }));
    const { code, stderr } = await run("npm run site", ["--no-lite", "--out", site, fixture, broken]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/broken\.ipynb: expected a notebook the site can render, received ".*KaTeX parse error/);
    expect(readdirSync(site).sort()).toEqual(before);
  });
});
