/**
 * `npm test [-- vitest arguments]`: builds the library (dist/, which the notebooks import), then type-checks
 * the project while vitest runs (the type check waits for no test, and most tests wait on kernels and child
 * processes), and prints how long each step took. Exit status: 0 when all passed, else the first failure's.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..");
// By path: node_modules/.bin/tsc is tslab's bundled TypeScript 5.0, not the project's own.
const bin = (pkg: string, file: string) => join(root, "node_modules", pkg, file);

/** The type check keeps what it learnt for the next run (about a third of the time when little changed). */
const INCREMENTAL = ["--incremental", "--tsBuildInfoFile", join(root, "node_modules", ".cache", "rnn-course", "typecheck.tsbuildinfo")];

interface Step {
  name: string;
  code: number;
  seconds: number;
  /** Output held back until the end (the type check's), so it does not cut into vitest's. */
  output: string;
}

function step(name: string, args: string[], hold = false): Promise<Step> {
  const began = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: hold ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk));
    const done = (code: number) => resolve({ name, code, seconds: (performance.now() - began) / 1000, output });
    child.on("error", (error) => ((output += String(error)), done(1)));
    child.on("close", (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const began = performance.now();
  const build = await step("build", [bin("tsx", "dist/cli.mjs"), join(root, "scripts", "prepare.ts")]);
  const steps = [build];
  if (build.code === 0) {
    steps.push(...(await Promise.all([
      step("type check", [bin("typescript", "bin/tsc"), "-p", join(root, "tsconfig.json"), ...INCREMENTAL], true),
      step("tests", [bin("vitest", "vitest.mjs"), "run", ...process.argv.slice(2)]),
    ])));
  }
  for (const { name, code, output } of steps) if (code !== 0 && output) console.log(`\n${name} failed:\n${output.trimEnd()}`);
  const times = steps.map(({ name, code, seconds }) => `${name} ${seconds.toFixed(0)} s${code ? " (FAILED)" : ""}`);
  console.log(`\nnpm test: ${times.join(", ")}; ${((performance.now() - began) / 1000).toFixed(0)} s in all`);
  return steps.find((s) => s.code !== 0)?.code ?? 0;
}

main().then((code) => (process.exitCode = code));
