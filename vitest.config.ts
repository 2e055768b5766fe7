import { defineConfig } from "vitest/config";

// Tests talk to a real devnet and a real database; give them room on a shared 2-core machine.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "contracts/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    // Every answer of a documented route is checked against the OpenAPI description.
    env: { ESCROWD_CHECK_ANSWERS: "1" },
  },
});
