/** What a person reads: one line per notebook, and for a failure the cell, its source and the kernel's words. */
import { relative } from "node:path";
import type { CellReport, NotebookResult } from "./run";

const EXCERPT_LINES = 8;
/** Stack frames of the kernel itself (node:vm, tslab's dist files, tools/kernel) say nothing about the notebook's code. */
const KERNEL_FRAME = /^\s+at .*(node:vm|node_modules\/tslab\/|tools\/kernel\/|sigintHandlersWrap)/;
const MESSAGE_LINES = 40;

export function summaryLine(result: NotebookResult, root = process.cwd()): string {
  const verdict = result.passed ? "PASS" : "FAIL";
  const why = result.failure ? `, ${result.failure.kind} in cell ${result.failure.cell + 1}` : result.mismatches.length ? `, ${result.mismatches.length} cell(s) with changed outputs` : "";
  const wrote = result.written ? ", outputs written" : "";
  return `${verdict} ${relative(root, result.path)} (${(result.ms / 1000).toFixed(1)} s${why}${wrote})`;
}

/** The full story of one notebook: the failure message of a test, or what the CLI prints under FAIL. */
export function formatReport(result: NotebookResult, root = process.cwd()): string {
  const lines = [summaryLine(result, root)];
  if (result.failure && result.failure.cell < 0) lines.push(indent(result.failure.message));
  else if (result.failure) lines.push(cellStory(result, result.failure, `${result.failure.kind}:`, root));
  for (const mismatch of result.mismatches) lines.push(cellStory(result, mismatch, "outputs changed:", root));
  if (result.uncompared.length) lines.push(`  not compared (no stored outputs): cell(s) ${result.uncompared.map((cell) => cell + 1).join(", ")}`);
  if (result.skipped.length) lines.push(`  skipped (skip-execution): cell(s) ${result.skipped.map((cell) => cell + 1).join(", ")}`);
  return lines.join("\n");
}

function cellStory(result: NotebookResult, cell: CellReport, headline: string, root: string): string {
  return [
    `  ${relative(root, result.path)}, cell ${cell.cell + 1} (index ${cell.cell}), ${headline}`,
    indent(excerpt(cell.source, EXCERPT_LINES), "  | "),
    indent(excerpt(withoutKernelFrames(cell.message), MESSAGE_LINES)),
  ].join("\n");
}

const withoutKernelFrames = (text: string): string => text.split("\n").filter((line) => !KERNEL_FRAME.test(line)).join("\n");

function excerpt(text: string, maxLines: number): string {
  const lines = text.replace(/\n$/, "").split("\n");
  return lines.length <= maxLines ? lines.join("\n") : [...lines.slice(0, maxLines), `... (${lines.length - maxLines} more lines)`].join("\n");
}

const indent = (text: string, prefix = "    "): string => text.split("\n").map((line) => prefix + line).join("\n");
