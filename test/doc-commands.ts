/**
 * The shell commands the project tells people to type, with the file and line each is on: every line of a
 * fenced sh/bash/shell/console block and every inline code span that starts with a known command in the
 * Markdown files (the student repository's README, written by the release, included), every `run:` step of
 * a GitHub workflow, and every line of a shell script. Tests check their form (doc-commands.test.ts); a test
 * that runs them can start from the same list.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { STUDENT_README } from "../tools/release/student";

export interface DocCommand {
  /** Path relative to the repository ("(student repository)/README.md" for the generated one). */
  file: string;
  /** 1-based line where the command starts. */
  line: number;
  /** The command, continuation lines joined, without a trailing comment or a `$ ` prompt. */
  text: string;
  where: "block" | "inline" | "workflow" | "script";
}

/** Words an inline code span starts with (after any VAR=value) to count as a command rather than a name. */
export const COMMAND_WORDS = ["npm", "npx", "node", "git", "gh", "sudo", "apt-get", "pip", "pip3", "python3", "jupyter", "bash", "cd", "tsx", "bwrap"];

const SHELL_FENCES = ["sh", "bash", "shell", "console"];

/** Every documented command of the repository at `root`. */
export function documentedCommands(root: string): DocCommand[] {
  const tracked = (pattern: string) => execFileSync("git", ["ls-files", "-co", "--exclude-standard", pattern], { cwd: root, encoding: "utf8" }).split("\n").filter(Boolean);
  const read = (file: string) => readFileSync(join(root, file), "utf8");
  return [
    ...tracked("*.md").flatMap((file) => markdownCommands(file, read(file))),
    ...markdownCommands("(student repository)/README.md", STUDENT_README),
    ...tracked("*.yml").flatMap((file) => workflowCommands(file, read(file))),
    ...[...tracked(".ci/*"), ...tracked("*.sh"), ...tracked("autograder/gradescope/run_autograder")].flatMap((file) => scriptCommands(file, read(file))),
  ];
}

/** The commands of every README (Markdown file), the student repository's included. */
export function readmeCommands(root: string): DocCommand[] {
  return documentedCommands(root).filter((command) => command.file.endsWith(".md"));
}

/** The commands of one Markdown text: shell blocks line by line, then inline spans. */
export function markdownCommands(file: string, text: string): DocCommand[] {
  const lines = text.split("\n");
  const commands: DocCommand[] = [];
  const prose = [...lines];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(`{3,}|~{3,})\s*(\w*)/.exec(lines[i]);
    if (!fence) continue;
    const end = lines.findIndex((line, j) => j > i && line.trim().startsWith(fence[2]));
    const last = end === -1 ? lines.length : end;
    if (SHELL_FENCES.includes(fence[3])) commands.push(...shellLines(file, lines.slice(i + 1, last), i + 2, "block"));
    for (let j = i; j <= Math.min(last, lines.length - 1); j++) prose[j] = "";
    i = last;
  }
  const rest = prose.join("\n");
  for (const match of rest.matchAll(/(?<!`)`([^`]+)`(?!`)/g)) {
    const span = match[1].replace(/\s*\n\s*/g, " ").trim();
    if (!startsWithCommand(span)) continue;
    commands.push({ file, line: rest.slice(0, match.index).split("\n").length, text: span, where: "inline" });
  }
  return commands.sort((a, b) => a.line - b.line);
}

/** The `run:` steps of a GitHub workflow, a `run: |` block line by line. */
export function workflowCommands(file: string, text: string): DocCommand[] {
  const lines = text.split("\n");
  const commands: DocCommand[] = [];
  lines.forEach((line, i) => {
    const step = /^(\s*)(?:-\s+)?run:\s*(.*)$/.exec(line);
    if (!step) return;
    if (!/^[|>]/.test(step[2])) return void commands.push({ file, line: i + 1, text: step[2].trim(), where: "workflow" });
    const indent = step[1].length;
    const block: string[] = [];
    for (let j = i + 1; j < lines.length && (lines[j].trim() === "" || lines[j].search(/\S/) > indent); j++) block.push(lines[j]);
    commands.push(...shellLines(file, block, i + 2, "workflow"));
  });
  return commands;
}

/** Every command line of a shell script (comments and blank lines left out). */
export function scriptCommands(file: string, text: string): DocCommand[] {
  return shellLines(file, text.split("\n"), 1, "script").filter((command) => !command.text.startsWith("#!"));
}

/** Lines of shell: `\` continuations joined, `$ ` prompts and trailing `# comments` removed, blank lines skipped. */
function shellLines(file: string, lines: string[], firstLine: number, where: DocCommand["where"]): DocCommand[] {
  const commands: DocCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i].trim();
    while (text.endsWith("\\") && i + 1 < lines.length) text = `${text.slice(0, -1).trim()} ${lines[++i].trim()}`;
    text = withoutComment(text.replace(/^\$\s+/, ""));
    if (text && !text.startsWith("#")) commands.push({ file, line: firstLine + start, text, where });
  }
  return commands;
}

/** `text` without a trailing ` # comment` (a # inside quotes or a word, as in "$#" or a URL, stays). */
function withoutComment(text: string): string {
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) quote = c === quote ? "" : quote;
    else if (c === "'" || c === '"') quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]))) return text.slice(0, i).trim();
  }
  return text.trim();
}

/** The simple commands of a command line (split at &&, ||, ;, |), each as its words, leading VAR=value dropped. */
export function simpleCommands(text: string): string[][] {
  return text
    .split(/&&|\|\||;|\|/)
    .map((part) => part.trim().split(/\s+/).filter(Boolean))
    .map((words) => words.filter((_, i) => words.slice(0, i + 1).some((word) => !/^[A-Z_][A-Z0-9_]*=/.test(word))))
    .filter((words) => words.length > 0);
}

const startsWithCommand = (span: string) => COMMAND_WORDS.includes(simpleCommands(span)[0]?.[0] ?? "");
