/**
 * Every course command answers a mistake the same way: exit code 2, one line that names the option or path,
 * says what was expected, and points at --help; and it writes nothing. (`npm start` and `npm run release`
 * have their own tests of this in start.test.ts and release.test.ts.)
 */
import { ChildProcess, execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const scratch = mkdtempSync(join(tmpdir(), "cli-usage-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The commands as users type them, and the script each runs. */
const COMMANDS = {
  "npm run site": "tools/site/cli.ts",
  "npm run check": "tools/check/cli.ts",
  "npm run bench": "fast/bench/index.ts",
  "npx nbmake-ts": "tools/nbmake-ts/src/cli.ts",
  "npm run format": "tools/format/cli.ts",
  "npm run test:load": "scripts/test-load.ts",
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
    ["npm run check", ["--timeout", "soon"], '--timeout: expected a number of milliseconds > 0, received "soon"'],
    ["npm run check", ["ex99"], 'no exercise "ex99"'],
    ["npm run bench", ["--workloads", "W9"], '--workloads: expected some of W1,W2,W3,W4,W5, received "W9"'],
    ["npx nbmake-ts", ["/no/such/notebook.ipynb"], 'path: expected an existing notebook or folder, received "/no/such/notebook.ipynb"'],
    ["npm run format", ["/no/such/notebook.ipynb"], 'path: expected an existing notebook or folder, received "/no/such/notebook.ipynb"'],
    ["npm run test:load", ["--loops", "two"], '--loops: expected a whole number from 0 to 64, received "two"'],
  ] as [Command, string[], string][])("%s %j: exit 2, named", async (command, args, message) => {
    const { code, stderr } = await run(command, args);
    expect(code).toBe(2);
    expect(stderr).toContain(`${command}: ${message}`);
  });

  it("npm run site refuses an --out folder that is not a site, leaving it as it was", async () => {
    const folder = mkdtempSync(join(scratch, "not-a-site-"));
    writeFileSync(join(folder, "notes.md"), "mine");
    const { code, stderr } = await run("npm run site", ["--out", folder, join(ROOT, "test", "fixtures", "site", "two-charts.ipynb")]);
    expect(code).toBe(2);
    expect(stderr).toContain(`npm run site: --out: expected a new or empty folder, or a site written before, received ${JSON.stringify(folder)}`);
    expect(readdirSync(folder)).toEqual(["notes.md"]);
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
