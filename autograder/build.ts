/**
 * `npm run autograder:build [-- --out FILE] [--force]`: writes the autograder bundle (default
 * autograder/build/bundle.json). From solutions/ in the instructor repository (public and hidden cases); from
 * exercises/ in a student repository (public cases only).
 */
import { join, resolve } from "node:path";
import { parseOptions, reportFailure } from "../tools/options";
import { checkOutputFile, writeOutputFile, type OutputFileOptions } from "../tools/output-file";
import { decode, encode } from "./core";
import { BUNDLE_FORMAT } from "./references/bundle";
import { buildBundle } from "./references/build";

export const ROOT = resolve(__dirname, "..");
export const DEFAULT_BUNDLE = join(ROOT, "autograder", "build", "bundle.json");
const COMMAND = "npm run autograder:build";

const HELP = `Usage: npm run autograder:build [-- --out FILE] [--force]

Computes the grader's references, every case with its expected answer, from solutions/ (public and
hidden cases; in a student repository, from exercises/: public cases only), and writes them to one
file, the bundle that npm run autograde reads.

Options:
  --out FILE   where to write the bundle (default autograder/build/bundle.json); a file already there
               is replaced only if it is a bundle
  --force      replace FILE even if it is not a bundle
  -h, --help   show this help

Exit status: 0 written; 1 a reference could not be computed (the message names the exercise);
2 bad usage, nothing written.`;

/** An earlier bundle, of this format or an older one: this command wrote it. */
export function isBundle(bytes: Buffer): boolean {
  try {
    const format = (decode(bytes.toString("utf8")) as { format?: unknown } | null)?.format;
    return typeof format === "string" && format.startsWith(BUNDLE_FORMAT.replace(/\d+$/, ""));
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const { values } = parseOptions(COMMAND, {
    options: {
      out: { type: "string" },
      force: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const out = values.out === undefined ? DEFAULT_BUNDLE : resolve(values.out);
  const target: OutputFileOptions = { command: COMMAND, isOwn: isBundle, force: values.force };
  checkOutputFile(out, target); // before minutes of work, not after
  const started = Date.now();
  const bundle = await buildBundle(ROOT);
  writeOutputFile(out, encode(bundle) + "\n", target);
  const cases = bundle.exercises.flatMap((e) => e.cases);
  const hidden = cases.filter((c) => c.hidden).length;
  const drawing = bundle.exercises.filter((e) => e.solution).length;
  console.log(
    `${out}: ${bundle.exercises.length} exercises, ${cases.length - hidden} public and ${hidden} hidden cases` +
      ` (${drawing} can draw more from a seed), in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error) => (process.exitCode = reportFailure(COMMAND, error)),
  );
}
