/**
 * `/api/v1/openapi.json` (the description, public) and `/docs` (Scalar's interactive reference).
 * The reference's script is served by the node from the installed package, with Scalar's fonts
 * and telemetry off, so the page works offline and asks no other host for anything.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Scalar } from "@scalar/hono-api-reference";
import { Hono } from "hono";
import type { OpenAPIV3_1 } from "openapi-types";
import { apiDescription } from "./document.ts";

const SCRIPT_PATH = "/docs/scalar.js";

/** The reference's browser bundle, as installed (the package exports no path to it). */
function scriptFile(): string {
  const main = createRequire(import.meta.url).resolve("@scalar/api-reference");
  return path.join(path.dirname(main), "browser", "standalone.js");
}

/** The node's description, generated once, when first asked for (the app is complete by then). */
export function lazyDescription(app: () => Hono, version: string) {
  let description: Promise<OpenAPIV3_1.Document> | undefined;
  return () => (description ??= apiDescription(app(), version));
}

/** The routes; `description` yields the node's description. */
export function docsRoutes(description: () => Promise<OpenAPIV3_1.Document>): Hono {
  const r = new Hono();
  r.get("/api/v1/openapi.json", async (c) => c.json(await description()));
  r.get(
    "/docs",
    Scalar({
      url: "/api/v1/openapi.json",
      cdn: SCRIPT_PATH,
      pageTitle: "escrowd API",
      withDefaultFonts: false,
      telemetry: false,
      // Offline: no toolbar of Scalar's hosted services, no MCP or AI helpers of theirs.
      showDeveloperTools: "never",
      mcp: { disabled: true },
      // Not in this version's types, but read by its bundle: hides "Ask AI" (a hosted service).
      ...({ agent: { disabled: true } } as object),
    }),
  );
  r.get(SCRIPT_PATH, async (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(await readFile(scriptFile()));
  });
  return r;
}
