/**
 * Writes the client package's types (`packages/client/src/api-types.ts`) from the node's own
 * OpenAPI description with openapi-typescript, so the client's paths, bodies and answers are the
 * routes' documented ones. `--check` only compares, and fails when the file is stale (a test runs
 * it, so a route changed without regenerating the client is caught).
 *
 *   npx tsx scripts/client-types.ts [--check]
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import prettier from "prettier";
import { createApp } from "../src/api/app.ts";

const TARGET = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "../packages/client/src/api-types.ts",
);

const HEADER = [
  "/**",
  " * The node's /api/v1 as types: generated from its OpenAPI description by",
  " * scripts/client-types.ts (openapi-typescript). Do not edit; run `npm run client:types`.",
  " */",
  "",
].join("\n");

/** The file's text as it should be now. */
export async function clientTypesText(): Promise<string> {
  const app = createApp({
    readiness: { ready: true, stage: "ready" },
    log: () => {},
    context: () => undefined,
    checkAnswers: false,
  });
  const description = (await (await app.request("/api/v1/openapi.json")).json()) as OpenAPI3;
  // The version moves with every release; the types do not depend on it.
  description.info.version = "0";
  const ast = await openapiTS(description, { exportType: true, alphabetize: true });
  const text = HEADER + astToString(ast);
  const options = (await prettier.resolveConfig(TARGET)) ?? {};
  return prettier.format(text, { ...options, filepath: TARGET });
}

async function main(): Promise<void> {
  const wanted = await clientTypesText();
  const current = await readFile(TARGET, "utf8").catch(() => "");
  if (process.argv.includes("--check")) {
    if (current !== wanted) {
      console.error(`${TARGET} is stale: run npm run client:types`);
      process.exit(1);
    }
    console.log("client types are fresh");
    return;
  }
  await writeFile(TARGET, wanted);
  console.log(`wrote ${TARGET} (${wanted.length} characters)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
