/** Writing a graded submission's reports into a folder: results.json, junit.xml and summary.md. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SubmissionResult } from "./grade";
import { gradescopeResults } from "./report/gradescope";
import { junitXml } from "./report/junit";
import { markdownSummary } from "./report/markdown";

export function writeReports(folder: string, result: SubmissionResult): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "results.json"), JSON.stringify(gradescopeResults(result), null, 2) + "\n");
  writeFileSync(join(folder, "junit.xml"), junitXml(result));
  writeFileSync(join(folder, "summary.md"), markdownSummary(result));
}
