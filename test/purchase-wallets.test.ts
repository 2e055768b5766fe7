/**
 * A purchase pays from the first purchasing wallet that has the funds once its queued locks are
 * counted, decided under that wallet's lock; a wallet that is short is passed over for the next,
 * and only when none can pay is the purchase refused (400 naming the wallet that came closest),
 * with nothing stored.
 */
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USDM_UNIT } from "../src/chain/network.ts";
import { purchases } from "../src/db/schema.ts";
import { DEVNET_FUNDING } from "../src/services/devnet-funding.ts";
import {
  closeNodes,
  jobInput,
  MINUTE_MS,
  HOUR_MS,
  openNode,
  purchaseBody,
  registerAgent,
  type TestNode,
} from "./support/lifecycle-world.ts";

// Six tenths of what each wallet holds: one purchase fits a wallet, a second does not.
const PRICE = ((DEVNET_FUNDING.usdm * 6n) / 10n).toString();

let n: TestNode;
let agentIdentifier: string;
beforeAll(async () => {
  n = await openNode({ PURCHASING_WALLETS: "2" });
  agentIdentifier = await registerAgent(n, PRICE);
}, 120_000);
afterAll(() => closeNodes(n));

async function buy() {
  const now = n.node.parts!.nowMs();
  const created = await n.api("POST", "/payment", {
    network: "Preprod",
    agentIdentifier,
    ...jobInput(),
    payByTime: String(now + HOUR_MS - 10 * MINUTE_MS),
    submitResultTime: String(now + HOUR_MS),
  });
  expect(created.status).toBe(200);
  return n.api("POST", "/purchase", purchaseBody(created.body.data));
}

describe("choosing the purchasing wallet", () => {
  it("passes over a wallet its queued locks have drained, and refuses when none can pay", async () => {
    const db = n.node.parts!.database.db;
    const wallets = n.node.parts!.wallets.filter((w) => w.role === "purchasing");
    expect(wallets).toHaveLength(2);

    const first = await buy();
    const second = await buy();
    expect([first.status, second.status]).toEqual([200, 200]);
    const payers = await db
      .select({ wallet: purchases.purchasingWalletId })
      .from(purchases)
      .orderBy(purchases.createdAtMs);
    expect(new Set(payers.map((p) => p.wallet)).size, "two purchases, two wallets").toBe(2);

    const third = await buy();
    expect(third.status).toBe(400);
    expect(third.body.error.field).toBe("Amounts");
    expect(third.body.error.message).toMatch(/not enough funds: the purchasing wallet addr_test1/);
    const [stored] = await db.select({ n: count() }).from(purchases);
    expect(stored!.n, "the refused purchase stored nothing").toBe(2);

    // Money comes in right after the refusal: the wallets' outputs the refusal read are shared
    // with the purchases of the next moment, but a wallet that looks short is read afresh.
    const ledger = n.node.parts!.devnet!.ledger;
    const topUp = await ledger.faucet(wallets[0]!.address, {
      lovelace: 10_000_000n,
      assets: [{ unit: USDM_UNIT.preprod, quantity: DEVNET_FUNDING.usdm }],
    });
    await ledger.produceBlock();
    await ledger.waitForTx(topUp, 10_000);
    const fourth = await buy();
    expect(fourth.status, JSON.stringify(fourth.body)).toBe(200);
  }, 120_000);
});
