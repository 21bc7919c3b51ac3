import { defineConfig } from "vitest/config";

// The course in JupyterLite (`npm run test:lite`): every lecture run in the site's JupyterLite in Chromium, and
// exercise 1 done there. Kept out of `npm test` (they need Chromium and a built site, and take minutes);
// CI runs them after building the site (.ci/run).
export default defineConfig({
  test: {
    include: ["test/lite/**/*.e2e.ts"],
    pool: "forks",
    fileParallelism: false,
    // The lectures run two at a time (lectures.e2e.ts): one kernel per core.
    maxConcurrency: 2,
    testTimeout: 900_000,
    hookTimeout: 600_000,
  },
});
