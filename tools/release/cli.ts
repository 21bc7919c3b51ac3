/**
 * `npm run release`: regenerates exercises/ from solutions/.
 * `npm run release -- --out DIR`: also writes a complete student repository to DIR.
 */
import { join, resolve } from "node:path";
import { buildExercises } from "./exercises";
import { writeStudentRepo } from "./student";
import { writeFiles } from "./write";

const root = resolve(__dirname, "..", "..");
const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");

const exercises = buildExercises(root);
writeFiles(join(root, "exercises"), exercises);
console.log(`exercises/: ${exercises.size} files from solutions/`);
if (outIndex >= 0) {
  if (!args[outIndex + 1]) throw new Error("--out needs a folder");
  const out = resolve(args[outIndex + 1]);
  writeStudentRepo(root, out, exercises);
  console.log(`student repository written to ${out}`);
}
