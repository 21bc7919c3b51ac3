import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The notebook files run many kernels each and are the longest of the suite: start them first, so that the
 * short files fill the workers around them instead of one worker ending alone on a notebook file. vitest's
 * own order (longest first from the last run's timings; on a fresh clone, largest file first) puts them last.
 */
class NotebooksFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const notebooks = (file: TestSpecification) => /[\\/]notebooks-[\w-]+\.test\.ts$/.test(file.moduleId);
    return [...sorted.filter(notebooks), ...sorted.filter((file) => !notebooks(file))];
  }
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "fast/test/**/*.test.ts"],
    // tfjs keeps global state (backend, tensor registry): one process per file keeps files independent.
    pool: "forks",
    // vitest's default on 2 cores is 1 worker; the test files mostly wait for kernels and child processes.
    maxWorkers: 2,
    minWorkers: 1,
    sequence: { sequencer: NotebooksFirst },
    setupFiles: ["test/event-loop-guard.ts", "test/tfjs-quiet.ts"],
    // Generous: the suite must pass on a machine busy with other work; a hang still fails.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
