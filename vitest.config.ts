import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // tfjs keeps global state (backend, tensor registry): one process per file keeps files independent.
    pool: "forks",
    setupFiles: ["test/event-loop-guard.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
