import { defineConfig } from "vitest/config";

// The real-browser tests (`npm run test:browser`): kept out of `npm test` because they start Jupyter and
// Chromium and run a whole lecture (about a minute); CI runs them after the unit tests (.ci/run).
export default defineConfig({
  test: {
    include: ["test/browser/**/*.e2e.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
