/**
 * `npm run check [exNN ...] [-- --dir solutions] [--timeout ms] [--json]`: runs the public checks.
 * Exit code 0 when every case passed, 1 when some failed, 2 when the command itself was used wrongly.
 */
import { join, resolve } from "node:path";
import { ROOT, findExercises } from "./exercise";
import { Report, checkExercise } from "./check";
import { formatReport, summaryLine } from "./report";

async function main(argv: string[]): Promise<number> {
  const ids: string[] = [];
  let dir = join(ROOT, "exercises");
  let timeoutMs: number | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--dir") dir = resolve(argv[++i]);
    else if (argv[i] === "--timeout") timeoutMs = Number(argv[++i]);
    else if (argv[i] === "--json") json = true;
    else ids.push(argv[i]);
  }
  let folders: string[];
  try {
    folders = findExercises(ids, dir);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const reports: Report[] = [];
  for (const folder of folders) {
    const report = await checkExercise(folder, { timeoutMs });
    reports.push(report);
    if (!json) console.log(formatReport(report));
  }
  if (json) console.log(JSON.stringify(reports));
  else if (reports.length > 1) console.log(reports.map(summaryLine).join("\n"));
  return reports.every((r) => r.points === r.maxPoints && r.outcomes.every((o) => o.passed)) ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
