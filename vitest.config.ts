import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "fast/test/**/*.test.ts"],
    // tfjs keeps global state (backend, tensor registry): one process per file keeps files independent.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
