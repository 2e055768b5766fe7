/**
 * The operator's dashboard in a real browser (Debian's Chromium, headless) against a node on the
 * devnet with a paid job, a refund and an invalid lock: the admin key asked once and kept out of
 * the URL, the states and amounts (with their units) a person would see, the invalid lock shown
 * first among what needs attention, the devnet's time button working, nothing asked of another
 * host; screenshots at desktop and phone widths go to test-output/.
 */
import { mkdir } from "node:fs/promises";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KIND } from "./support/db.ts";
import { launchChromium } from "./support/chromium.ts";
import {
  closeNodes,
  devnetOf,
  HOUR_MS,
  jobInput,
  MINUTE_MS,
  moveTimeTo,
  openNode,
  payJob,
  PRICE,
  registerAgent,
  TUSDM,
  waitState,
  type TestNode,
} from "./support/lifecycle-world.ts";
import { openOutsideBuyer } from "./support/outside-buyer.ts";

let n: TestNode;
let origin: string;

async function act(route: string, id: string, extra: object = {}) {
  const res = await n.api("POST", route, {
    network: "Preprod",
    blockchainIdentifier: id,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

beforeAll(async () => {
  n = await openNode();
  origin = n.node.apiUrl.replace(/\/api\/v1$/, "");
  const agent = await registerAgent(n);
  // A paid job, to the seller paid.
  const paid = await payJob(n, n, agent);
  await waitState(n, "payment", paid.blockchainIdentifier, "FundsLocked");
  await act("/payment/submit-result", paid.blockchainIdentifier, {
    submitResultHash: "e".repeat(64),
  });
  await waitState(n, "payment", paid.blockchainIdentifier, "ResultSubmitted");
  await moveTimeTo(n, Number(paid.payment.unlockTime) + HOUR_MS);
  await waitState(n, "payment", paid.blockchainIdentifier, "Withdrawn");
  // A refund, asked for and authorised.
  const refund = await payJob(n, n, agent);
  await waitState(n, "purchase", refund.blockchainIdentifier, "FundsLocked");
  await act("/purchase/request-refund", refund.blockchainIdentifier);
  await waitState(n, "payment", refund.blockchainIdentifier, "RefundRequested");
  await act("/payment/authorize-refund", refund.blockchainIdentifier);
  await waitState(n, "payment", refund.blockchainIdentifier, "RefundWithdrawn");
  // An invalid lock: paid by an outside buyer after payByTime.
  const outside = await openOutsideBuyer(
    () => ({ devnet: devnetOf(n), chain: n.node.parts!.chain }),
    n.node.parts!.escrow.facts,
    TUSDM,
  );
  try {
    const now = n.node.parts!.nowMs();
    const res = await n.api("POST", "/payment", {
      network: "Preprod",
      agentIdentifier: agent,
      ...jobInput(),
      payByTime: String(now + 30 * MINUTE_MS),
      submitResultTime: String(now + HOUR_MS),
    });
    const p = res.body.data;
    await moveTimeTo(n, Number(p.payByTime) + MINUTE_MS);
    await outside.lock({
      sellerAddress: p.SmartContractWallet.walletAddress,
      reference: p.escrowReference,
      inputHash: p.inputHash,
      times: {
        payByTimeMs: Number(p.payByTime),
        submitResultTimeMs: Number(p.submitResultTime),
        unlockTimeMs: Number(p.unlockTime),
        externalDisputeUnlockTimeMs: Number(p.externalDisputeUnlockTime),
      },
      amounts: [{ unit: TUSDM, amount: PRICE }],
    });
    await waitState(n, "payment", p.blockchainIdentifier, "FundsOrDatumInvalid");
  } finally {
    await outside.close();
  }
}, 240_000);
afterAll(async () => {
  await closeNodes(n);
});

const text = (page: Page, id: string) =>
  page.$eval(`#${id}`, (e) => (e as unknown as { innerText: string }).innerText);

describe(`the dashboard in Chromium, a node on the devnet on ${DB_KIND}`, () => {
  it("shows states, amounts with units, the invalid lock first, and moves time", async (ctx) => {
    const browser = await launchChromium(ctx);
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      const requested: string[] = [];
      page.on("request", (r) => {
        requested.push(r.url());
      });
      const adminKey = n.node.parts!.keys.adminKey;

      await page.goto(`${origin}/`, { waitUntil: "networkidle0" });
      // Asked for the key; a wrong one is refused and asked again.
      await page.type("#admin-key", "not-the-admin-key-at-all");
      await page.click("#sign-in button[type=submit]");
      await page.waitForFunction(`document.getElementById("sign-in-error").textContent.length > 0`);
      expect(await text(page, "sign-in-error")).toMatch(/refused/);
      await page.type("#admin-key", adminKey);
      await page.keyboard.press("Enter");
      await page.waitForFunction(`document.body.dataset.loaded === "true"`, { timeout: 30_000 });
      expect(await text(page, "load-error")).toBe("");

      const payments = await text(page, "payments-list");
      for (const state of ["Withdrawn", "RefundWithdrawn", "FundsOrDatumInvalid"])
        expect(payments).toContain(state);
      expect(payments).toContain("5.000000 tUSDM");
      const purchases = await text(page, "purchases-list");
      expect(purchases).toContain("Withdrawn");
      expect(purchases).toContain("RefundWithdrawn");
      // The invalid lock needs attention, with its reason; and it comes first in its list.
      const trouble = await text(page, "trouble-list");
      expect(trouble).toMatch(/invalid lock: .*paid after payByTime/);
      const firstPaymentRow = await page.$eval(
        "#payments-list tbody tr",
        (e) => (e as unknown as { innerText: string }).innerText,
      );
      expect(firstPaymentRow).toContain("FundsOrDatumInvalid");
      expect(await text(page, "agents-list")).toMatch(
        /Job\s+RegistrationConfirmed\s+5\.000000 tUSDM/,
      );
      const wallets = await text(page, "wallets-list");
      expect(wallets).toMatch(/selling/);
      expect(wallets).toMatch(/\d+\.\d{6} ADA/);
      expect(wallets).toContain(n.node.parts!.wallets[0]!.address);
      expect(await text(page, "transactions-list")).toMatch(/registration of Job/);
      expect(await text(page, "node-facts")).toMatch(/Preprod \(local devnet\)/);

      // The key stays in the tab's session storage, never in the address.
      expect(page.url()).not.toContain(adminKey);
      expect(requested.some((u) => u.includes(adminKey))).toBe(false);
      const outside = requested.filter((u) => !u.startsWith(`${origin}/`));
      expect(outside).toEqual([]);

      // The devnet's time, moved from the page.
      const before = devnetOf(n).ledger.nowMs();
      await page.click("#move-hour");
      await page.waitForFunction(
        `document.getElementById("devnet-result").textContent.includes("an hour")`,
      );
      expect(devnetOf(n).ledger.nowMs() - before).toBeGreaterThanOrEqual(HOUR_MS);

      await mkdir("test-output", { recursive: true });
      await page.screenshot({ path: "test-output/dashboard.png", fullPage: true });
      await page.setViewport({ width: 390, height: 844, isMobile: true });
      await page.screenshot({ path: "test-output/dashboard-phone.png", fullPage: true });
      // Nothing wider than a phone's screen but the tables, which scroll in their own box.
      const overflow = await page.evaluate(
        `document.documentElement.scrollWidth - document.documentElement.clientWidth`,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("refuses the dashboard's own routes without the admin key", async () => {
    expect((await fetch(`${origin}/dashboard/status`)).status).toBe(401);
    const moved = await fetch(`${origin}/dashboard/devnet/time`, {
      method: "POST",
      headers: { token: "wrong-key-of-some-length", "content-type": "application/json" },
      body: JSON.stringify({ advanceMs: HOUR_MS }),
    });
    expect(moved.status).toBe(401);
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
  });
});
