import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const source = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const TEST_FILES = [
  "src/**/*.test.ts",
  "test/**/*.test.ts",
  "contracts/**/*.test.ts",
  "packages/*/src/**/*.test.ts",
];
/** Test files that replace a module with vi.mock, which must not leak into other files. */
const MODULE_MOCKS = ["test/metered-routes.test.ts"];

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
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    // Every answer of a documented route is checked against the OpenAPI description.
    env: { ESCROWD_CHECK_ANSWERS: "1" },
    projects: [
      // A worker keeps its loaded modules from one test file to the next: loading Mesh, scalus
      // and the node again for each of 130 files was about a sixth of the suite's time.
      {
        extends: true,
        test: {
          name: "shared",
          include: TEST_FILES,
          exclude: [...configDefaults.exclude, ...MODULE_MOCKS],
          isolate: false,
        },
      },
      // A file that replaces a module (vi.mock) gets modules of its own.
      { extends: true, test: { name: "isolated", include: MODULE_MOCKS, isolate: true } },
    ],
  },
});
