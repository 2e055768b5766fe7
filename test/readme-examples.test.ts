/**
 * The README shows the examples' code exactly as the tests run it: each example file appears in
 * it verbatim, as one TypeScript block.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const SHOWN = [
  "examples/mcp/connect.ts",
  "examples/paid-agent/agent.ts",
  "examples/paid-agent/buyer.ts",
  "examples/paid-route/app.ts",
  "examples/paid-route/buyer.ts",
];

describe("the README's examples", () => {
  it.each(SHOWN)("%s is in the README verbatim", async (file) => {
    const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
    const code = await readFile(path.join(ROOT, file), "utf8");
    expect(readme.includes("```ts\n" + code + "```\n"), `${file} differs from the README`).toBe(
      true,
    );
  });

  it("keeps the seller's agent short", async () => {
    const code = await readFile(path.join(ROOT, "examples/paid-agent/agent.ts"), "utf8");
    expect(
      code
        .trim()
        .split("\n")
        .filter((l) => l.trim() !== "").length,
    ).toBeLessThanOrEqual(10);
  });
});
