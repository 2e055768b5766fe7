/**
 * Headless Chromium for browser tests: Debian's `chromium` package, driven by puppeteer-core
 * (nothing is downloaded). CI installs the package (.ci/run), so there a missing browser fails
 * the test; elsewhere the test is skipped with the reason.
 */
import { existsSync } from "node:fs";
import puppeteer, { type Browser } from "puppeteer-core";
import type { TestContext } from "vitest";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** The browser's executable, if one is installed. */
export function chromiumPath(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return configured;
  return CANDIDATES.find((p) => existsSync(p));
}

/** A headless browser, or the test skipped (outside CI) when none is installed. */
export async function launchChromium(ctx: TestContext): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath === undefined) {
    if (process.env.CI === "true")
      throw new Error("chromium is not installed (.ci/run installs it)");
    ctx.skip("chromium is not installed; `apt-get install chromium` runs this test");
  }
  return puppeteer.launch({
    executablePath,
    headless: true,
    // CI runs as root, where Chromium's sandbox cannot start.
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}
