import { defineConfig } from "vitest/config";

// `npm run test:docs`: the READMEs' commands that take minutes in all (test/readme-commands.ts, "slow"), each
// run as written in a scratch copy of the course. Kept out of `npm test`; CI runs it after the unit tests
// (.ci/run).
export default defineConfig({
  test: {
    include: ["test/docs/**/*.docs.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
