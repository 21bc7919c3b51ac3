/**
 * Writing a graded submission's reports into a folder: results.json, junit.xml and summary.md for the
 * student, and instructor.md (what the hidden cases were) when there are hidden cases. Each file is
 * replaced whole (durable.ts): a grader killed while writing leaves the old file or the new one.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { writeAtomic } from "./durable";
import type { SubmissionResult } from "./grade";
import { gradescopeResults } from "./report/gradescope";
import { instructorReport } from "./report/instructor";
import { junitXml } from "./report/junit";
import { markdownSummary } from "./report/markdown";

export function writeReports(folder: string, result: SubmissionResult): void {
  mkdirSync(folder, { recursive: true });
  writeAtomic(join(folder, "results.json"), JSON.stringify(gradescopeResults(result), null, 2) + "\n");
  writeAtomic(join(folder, "junit.xml"), junitXml(result));
  writeAtomic(join(folder, "summary.md"), markdownSummary(result));
  const instructor = instructorReport(result);
  if (instructor) writeAtomic(join(folder, "instructor.md"), instructor);
}
