import { defineConfig } from "vitest/config";

// The real-browser tests (`npm run test:browser`): kept out of `npm test` because they start Jupyter and
// Chromium, run a lecture and an exercise, and install a released student repository (about four minutes on
// two busy cores, most of it that repository's `npm ci`); CI runs them after the unit tests (.ci/run).
export default defineConfig({
  test: {
    include: ["test/browser/**/*.e2e.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
