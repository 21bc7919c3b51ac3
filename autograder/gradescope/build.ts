/**
 * `npm run autograder:gradescope [-- --out FILE] [--seed S] [--force]`: the Gradescope autograder archive
 * (default autograder/build/gradescope.zip). It holds setup.sh and run_autograder at its root, the course
 * files the grader needs (library, autograder with its grading core) and a fresh bundle; never
 * solutions/ itself (the bundle carries what drawing hidden cases needs). With --seed, hidden cases are
 * drawn from that seed at every grading.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { ArgumentError } from "../../src/errors";
import { parseOptions, reportFailure } from "../../tools/options";
import { checkOutputFile, writeOutputFile, type OutputFileOptions } from "../../tools/output-file";
import { encode } from "../core";
import type { Bundle } from "../references/bundle";
import { buildBundle } from "../references/build";
import { zip, type ZipEntry } from "./zip";

const ROOT = resolve(__dirname, "..", "..");
const COURSE_FILES = [
  "package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", "scripts", "src", "autograder",
  "tools/options.ts", "tools/output-file.ts", "tools/output-folder.ts", "tools/write-if-changed.ts", "contract/package.json", "contract/tsconfig.build.json",
  "contract/src", "fast/package.json", "fast/tsconfig.build.json", "fast/src",
];
const SKIPPED = /(^|\/)(node_modules|build|\.ipynb_checkpoints)(\/|$)/;

export function gradescopeArchive(root: string, bundle: Bundle, seed?: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  for (const path of COURSE_FILES) for (const file of walk(join(root, path))) {
    const rel = relative(root, file);
    if (!SKIPPED.test(rel)) entries.push({ path: rel, data: readFileSync(file), executable: (statSync(file).mode & 0o111) !== 0 });
  }
  for (const script of ["setup.sh", "run_autograder"]) entries.push({ path: script, data: readFileSync(join(__dirname, script)), executable: true });
  entries.push({ path: "autograder/build/bundle.json", data: Buffer.from(encode(bundle) + "\n") });
  if (seed) entries.push({ path: "autograder/build/seed", data: Buffer.from(seed) });
  return entries;
}

function walk(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => walk(join(path, name)));
}

const COMMAND = "npm run autograder:gradescope";
const ARCHIVE = join(ROOT, "autograder", "build", "gradescope.zip");

const HELP = `Usage: npm run autograder:gradescope [-- --out FILE] [--seed S] [--force]

Writes the Gradescope autograder archive: setup.sh and run_autograder, the course files the grader
needs and a fresh bundle of references (never solutions/ itself). Upload it as the assignment's
autograder (Ubuntu base image).

Options:
  --out FILE   where to write the archive (default autograder/build/gradescope.zip); a file already
               there is replaced only if it is such an archive
  --seed S     draw the drawable hidden cases from seed S at every grading, e.g.
               --seed "$(openssl rand -hex 8)" (default: the course's own draw)
  --force      replace FILE even if it is not an archive this command wrote
  -h, --help   show this help

Exit status: 0 written; 1 a reference could not be computed; 2 bad usage, nothing written.`;

/** An earlier archive of this command: a ZIP holding run_autograder and a bundle. */
function isArchive(bytes: Buffer): boolean {
  const names = ["run_autograder", "autograder/build/bundle.json"];
  return bytes.subarray(0, 4).equals(Buffer.from("PK\x03\x04", "latin1")) && names.every((name) => bytes.includes(name));
}

async function main(): Promise<number> {
  const { values } = parseOptions(COMMAND, {
    options: {
      out: { type: "string" },
      seed: { type: "string" },
      force: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.seed !== undefined && !values.seed.trim()) throw new ArgumentError("--seed", "a seed, e.g. 2f9c41d07ab3e865", values.seed);
  const out = values.out === undefined ? ARCHIVE : resolve(values.out);
  const target: OutputFileOptions = { command: COMMAND, isOwn: isArchive, force: values.force };
  checkOutputFile(out, target); // before minutes of work, not after
  const entries = gradescopeArchive(ROOT, await buildBundle(ROOT), values.seed);
  writeOutputFile(out, zip(entries), target);
  console.log(`${out}: ${entries.length} files; upload it as the assignment's autograder (Ubuntu base image)`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error) => (process.exitCode = reportFailure(COMMAND, error)),
  );
}
