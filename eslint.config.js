import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["node_modules", "drizzle", ".escrowd", "coverage", "test-output", "packages/*/dist"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The node loads Mesh's parts (src/chain/mesh-lib.ts): `@meshsdk/core` also loads a provider
    // package with a second copy of the serialisation library. Its types cost nothing.
    files: ["src/**/*.ts"],
    ignores: ["**/*.test.ts", "src/devnet/test-support.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@meshsdk/core",
              message: "import @meshsdk/transaction, @meshsdk/wallet or @meshsdk/core-cst",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // The dashboard's script runs in the browser.
    files: ["src/dashboard/assets/**/*.js"],
    languageOptions: {
      globals: {
        document: "readonly",
        sessionStorage: "readonly",
        fetch: "readonly",
        Node: "readonly",
      },
    },
  },
  {
    // Tests read JSON answers whose shape is what they assert; typing each one adds nothing.
    files: ["**/*.test.ts", "test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
