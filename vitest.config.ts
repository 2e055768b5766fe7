import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (file: string) => fileURLToPath(new URL(file, import.meta.url));

// Tests talk to a real devnet and a real database; give them room on a shared 2-core machine.
export default defineConfig({
  // The client package is tested from its sources (tsconfig.json maps the same names).
  resolve: {
    alias: [
      { find: /^@escrowd\/client$/, replacement: source("./packages/client/src/index.ts") },
      {
        find: /^@escrowd\/client\/paywall$/,
        replacement: source("./packages/client/src/paywall/index.ts"),
      },
    ],
  },
  test: {
    include: [
      "src/**/*.test.ts",
      "test/**/*.test.ts",
      "contracts/**/*.test.ts",
      "packages/*/src/**/*.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    // Every answer of a documented route is checked against the OpenAPI description.
    env: { ESCROWD_CHECK_ANSWERS: "1" },
  },
});
