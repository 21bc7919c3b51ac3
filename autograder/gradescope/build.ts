/**
 * `npm run autograder:gradescope [-- --out FILE] [--seed S]`: the Gradescope autograder archive
 * (default autograder/build/gradescope.zip). It holds setup.sh and run_autograder at its root, the course
 * files the grader needs (library, autograder with its grading core) and a fresh bundle; never
 * solutions/ itself (the bundle carries what drawing hidden cases needs). With --seed, hidden cases are
 * drawn from that seed at every grading.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { encode } from "../core";
import type { Bundle } from "../references/bundle";
import { buildBundle } from "../references/build";
import { zip, type ZipEntry } from "./zip";

const ROOT = resolve(__dirname, "..", "..");
const COURSE_FILES = [
  "package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", "scripts", "src", "autograder",
  "tools/options.ts", "tools/output-folder.ts", "tools/write-if-changed.ts", "contract/package.json", "contract/tsconfig.build.json",
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

async function main(argv: string[]): Promise<void> {
  const option = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const out = resolve(option("--out") ?? join(ROOT, "autograder", "build", "gradescope.zip"));
  const entries = gradescopeArchive(ROOT, await buildBundle(ROOT), option("--seed"));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip(entries));
  console.log(`${out}: ${entries.length} files; upload it as the assignment's autograder (Ubuntu base image)`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`autograder:gradescope failed: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
