import { defineConfig } from "vitest/config";

// The real-browser tests (`npm run test:browser`): kept out of `npm test` because they start Jupyter (classic
// Notebook 6, and JupyterLab 4 and Notebook 7 from environments made from PyPI) and Chromium, run lectures and an
// exercise, and install a released student repository (minutes, most of it that repository's `npm ci` and the
// environments); CI runs them after the unit tests (.ci/run).
export default defineConfig({
  test: {
    include: ["test/browser/**/*.e2e.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
