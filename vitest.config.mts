// Test runner settings: the suite lives in test/, mirrors src/, and includes end-to-end runs of dist/guard.cjs.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // Every temporary directory a test makes lives under one root that is removed after the run.
    globalSetup: ["test/global-setup.ts"],
  },
});
