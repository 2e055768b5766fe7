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
