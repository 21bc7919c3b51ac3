/**
 * `npm run autograder:build [-- --out FILE]`: writes the autograder bundle (default autograder/build/bundle.json).
 * From solutions/ in the instructor repository (public and hidden cases); from exercises/ in a student
 * repository (public cases only).
 */
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { writeBundle } from "./references/bundle";
import { buildBundle } from "./references/build";

export const ROOT = resolve(__dirname, "..");
export const DEFAULT_BUNDLE = join(ROOT, "autograder", "build", "bundle.json");

async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf("--out");
  const out = at >= 0 ? resolve(argv[at + 1] ?? "") : DEFAULT_BUNDLE;
  const started = Date.now();
  const bundle = await buildBundle(ROOT);
  mkdirSync(dirname(out), { recursive: true });
  writeBundle(out, bundle);
  const cases = bundle.exercises.flatMap((e) => e.cases);
  const hidden = cases.filter((c) => c.hidden).length;
  const drawing = bundle.exercises.filter((e) => e.solution).length;
  console.log(
    `${out}: ${bundle.exercises.length} exercises, ${cases.length - hidden} public and ${hidden} hidden cases` +
      ` (${drawing} can draw more from a seed), in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`autograder:build failed: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
