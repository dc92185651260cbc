import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["api/**/*.test.ts", "tracking/**/*.test.ts", "web/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["api/test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each test file gets its own database cloned from a migrated template,
    // so files run in parallel without sharing rows.
    fileParallelism: true,
  },
});
