import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * vitest runs one project's files after the other's. The few "fresh modules" files go first; then, of the
 * others, the notebook files, which run many kernels each and are the longest of the suite: started first,
 * the short files fill the workers around them instead of one worker ending alone on a notebook file.
 * vitest's own order (longest first from the last run's timings; on a fresh clone, largest file first)
 * puts them last.
 */
class NotebooksFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) =>
      file.project.name === FRESH ? 0 : /[\\/]notebooks-[\w-]+\.test\.ts$/.test(file.moduleId) ? 1 : 2;
    return [0, 1, 2].flatMap((r) => sorted.filter((file) => rank(file) === r));
  }
}

/**
 * Files that need the library's modules fresh: two choose the device (useDevice chooses once, in module
 * state), one mocks a module that others load. vitest loads their modules anew for each of them.
 */
const FRESH = "fresh modules";
const FRESH_MODULES = ["test/device.test.ts", "test/torch-parity.test.ts", "test/nbmake/ports.test.ts"];

export default defineConfig({
  test: {
    // Child processes, not threads: tfjs's native and WebAssembly backends, and process.chdir, need a process.
    pool: "forks",
    // Worker processes run file after file, keeping the modules they loaded (see the projects below).
    isolate: false,
    // vitest's default on 2 cores is 1 worker; the test files mostly wait for kernels and child processes.
    // (3 workers: 194 s against 156 s on 2 cores.) As many at least: tinypool removes a worker above the
    // minimum the moment it is idle, and that removal, racing a task, once failed a run ("Terminating
    // worker thread") with every test passing.
    maxWorkers: 2,
    minWorkers: 2,
    sequence: { sequencer: NotebooksFirst },
    setupFiles: ["test/event-loop-guard.ts", "test/tfjs-quiet.ts"],
    // Generous: the suite must pass on a machine busy with other work; a hang still fails.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        // The rest share modules too: a fresh process per file, loading and transforming tfjs and the
        // library again each time, was a fifth of the suite's CPU time. Shared are tfjs's engine (backend,
        // tensor registry) and the library's settings, which the files that change them set back.
        test: { name: "shared", include: ["test/**/*.test.ts", "fast/test/**/*.test.ts"], exclude: FRESH_MODULES },
      },
      { extends: true, test: { name: FRESH, include: FRESH_MODULES, isolate: true } },
    ],
  },
});
