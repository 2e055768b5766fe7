/**
 * The routes escrowd added to serve the whole Masumi API, on a whole node on the devnet, with
 * their negative space: wallet mnemonics never answered, wallet routes for admins only, a
 * transfer that moves money on chain (and nothing else does), low-balance rules checked against
 * the chain's balance, counts and diffs with their cursor and bounds, and the refusals of the
 * recovery, deletion and read routes.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wallets } from "../src/db/schema.ts";
import { openSecret } from "../src/services/secret-box.ts";
import { SEALED_MNEMONIC } from "../src/api/wallet-view.ts";
import { DB_KIND } from "./support/db.ts";
import {
  closeNodes,
  jobInput,
  openNode,
  registerAgent,
  type TestNode,
} from "./support/lifecycle-world.ts";
import { waitFor } from "./support/process.ts";

let n: TestNode;
let agent: string;
let readToken: string;

beforeAll(async () => {
  n = await openNode();
  agent = await registerAgent(n);
  const key = await n.api("POST", "/api-key", { permission: "ReadAndPay", UsageCredits: [] });
  readToken = key.body.data.token;
}, 120_000);
afterAll(async () => {
  await closeNodes(n);
});

const wallet = (role: "selling" | "purchasing") =>
  n.node.parts!.wallets.find((w) => w.role === role)!;
const db = () => n.node.parts!.database.db;

/** The stored mnemonic of a wallet, opened as only the node may. */
async function mnemonicOf(walletId: string): Promise<string> {
  const [row] = await db().select().from(wallets).where(eq(wallets.id, walletId));
  return openSecret(n.node.parts!.keys.encryptionKeyHex, row!.encryptedMnemonic, row!.address);
}

async function lovelaceOf(address: string): Promise<bigint> {
  const utxos = await n.node.parts!.chain.utxos(address);
  return utxos.reduce((s, u) => s + u.value.lovelace, 0n);
}

async function as(token: string, method: string, route: string, body?: unknown) {
  const res = await fetch(`${n.node.apiUrl}${route}`, {
    method,
    headers: { token, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe(`wallets on ${DB_KIND}`, () => {
  it("lists the node's wallets with their vkeys, and never a mnemonic", async () => {
    const list = await n.api("GET", "/wallet/list?take=100");
    expect(list.status).toBe(200);
    const seller = list.body.data.Wallets.find((w: any) => w.type === "Selling");
    expect(seller.walletVkey).toBe(wallet("selling").paymentKeyHash);
    const one = await n.api("GET", `/wallet?walletType=Selling&id=${seller.id}`);
    expect(one.status).toBe(200);
    expect(one.body.data.walletAddress).toBe(wallet("selling").address);
    const words = await mnemonicOf(seller.id);
    for (const answer of [list.body, one.body]) {
      expect(JSON.stringify(answer)).not.toContain(words);
      expect(JSON.stringify(answer)).not.toMatch(/Secret|mnemonic/i);
    }
  });

  it("refuses includeSecret, a wrong type, and anyone but an admin", async () => {
    const id = wallet("selling").id;
    const secret = await n.api("GET", `/wallet?walletType=Selling&id=${id}&includeSecret=true`);
    expect(secret.status).toBe(403);
    expect(secret.body.error.field).toBe("includeSecret");
    expect((await n.api("GET", `/wallet?walletType=Purchasing&id=${id}`)).status).toBe(404);
    expect((await n.api("GET", `/wallet?walletType=Selling&id=nope`)).status).toBe(404);
    expect((await n.api("GET", `/wallet?walletType=Hot&id=${id}`)).body.error.field).toBe(
      "walletType",
    );
    for (const route of ["/wallet/list", `/wallet?walletType=Selling&id=${id}`]) {
      expect((await as(readToken, "GET", route)).status, route).toBe(403);
    }
    const post = await as(readToken, "POST", "/wallet", { network: "Preprod" });
    expect(post.status).toBe(403);
  });

  it("creates a funding wallet, sealed like the others, and answers no mnemonic", async () => {
    const created = await n.api("POST", "/wallet", { network: "Preprod" });
    expect(created.status).toBe(200);
    expect(created.body.data.walletMnemonic).toBe(SEALED_MNEMONIC);
    const words = await mnemonicOf(created.body.data.id);
    expect(words.split(" ").length).toBe(24);
    expect(JSON.stringify(created.body)).not.toContain(words);
    const funding = await n.api("GET", "/wallet/list?walletType=Funding");
    expect(funding.body.data.Wallets.map((w: any) => w.walletAddress)).toEqual([
      created.body.data.walletAddress,
    ]);
    expect((await n.api("POST", "/wallet", { network: "Mainnet" })).status).toBe(400);
  });

  it("has no collection address: PATCH accepts only null", async () => {
    const id = wallet("selling").id;
    const ok = await n.api("PATCH", "/wallet", { id, newCollectionAddress: null });
    expect(ok.status).toBe(200);
    expect(ok.body.data.collectionAddress).toBeNull();
    const set = await n.api("PATCH", "/wallet", {
      id,
      newCollectionAddress: wallet("purchasing").address,
    });
    expect(set.status).toBe(400);
    expect(set.body.error.field).toBe("newCollectionAddress");
  });
});

describe(`fund transfers on ${DB_KIND}`, () => {
  it("moves lovelace on chain through the submitter, and reports it confirmed", async () => {
    const target = (await n.api("POST", "/wallet", { network: "Preprod" })).body.data;
    expect(await lovelaceOf(target.walletAddress)).toBe(0n);
    const queued = await n.api("POST", "/wallet/transfer-funds", {
      fromWalletAddress: wallet("purchasing").address,
      toAddress: target.walletAddress,
      lovelaceAmount: "3000000",
    });
    expect(queued.status).toBe(200);
    expect(queued.body.data.status).toBe("Pending");
    const done = await waitFor(
      "the transfer to be confirmed",
      async () => {
        const res = await n.api("GET", `/wallet/transfer-funds?id=${queued.body.data.id}`);
        const t = res.body.data.transfers[0];
        return t?.status === "Confirmed" ? t : undefined;
      },
      60_000,
      200,
    );
    expect(done.txHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await lovelaceOf(target.walletAddress)).toBe(3_000_000n);
    const byWallet = await n.api(
      "GET",
      `/wallet/transfer-funds?walletAddress=${wallet("purchasing").address}`,
    );
    expect(byWallet.body.data.transfers.map((t: any) => t.id)).toContain(queued.body.data.id);
  });

  it.each([
    [{ fromWalletAddress: "addr_test1" + "q".repeat(98) }, 404, "fromWalletAddress"],
    [{ toAddress: "addr1" + "q".repeat(98) }, 400, "toAddress"],
    [{ toAddress: "addr_test1notanaddress" }, 400, "toAddress"],
    [{ lovelaceAmount: "1000000" }, 400, "lovelaceAmount"],
    [{ lovelaceAmount: "0" }, 400, "lovelaceAmount"],
    [{ lovelaceAmount: "02000000" }, 400, "lovelaceAmount"],
    [{ lovelaceAmount: "99999999999999999999" }, 400, "lovelaceAmount"],
    [{ assets: [{ unit: "zz", quantity: "1" }] }, 400, "assets[0].unit"],
  ])("refuses %j with %i naming the field", async (change, status, field) => {
    const body = {
      fromWalletAddress: wallet("purchasing").address,
      toAddress: wallet("selling").address,
      lovelaceAmount: "3000000",
      ...change,
    };
    const res = await n.api("POST", "/wallet/transfer-funds", body);
    expect(res.status).toBe(status);
    expect(res.body.error.field).toBe(field);
  });

  it("refuses an unknown transfer id with 404", async () => {
    expect((await n.api("GET", "/wallet/transfer-funds?id=nope")).status).toBe(404);
  });
});

describe(`low-balance rules on ${DB_KIND}`, () => {
  it("finds a wallet Low against the chain's balance, alerts once, and recovers", async () => {
    const seller = wallet("selling");
    const balance = await lovelaceOf(seller.address);
    const created = await n.api("POST", "/wallet/low-balance", {
      walletId: seller.id,
      assetUnit: "lovelace",
      thresholdAmount: (balance + 1n).toString(),
    });
    expect(created.status).toBe(200);
    const rule = created.body.data;
    expect(rule).toMatchObject({ status: "Low", lastKnownAmount: balance.toString() });
    expect(rule.lastAlertedAt).not.toBeNull();
    const again = await n.api("GET", `/wallet/low-balance?walletId=${seller.id}&onlyLow=true`);
    expect(again.body.data.Rules.map((r: any) => r.id)).toEqual([rule.id]);
    // Still Low: the alert keeps its first time.
    expect(again.body.data.Rules[0].lastAlertedAt).toBe(rule.lastAlertedAt);
    const summary = await n.api("GET", `/wallet?walletType=Selling&id=${seller.id}`);
    expect(summary.body.data.LowBalanceSummary).toMatchObject({ isLow: true, lowRuleCount: 1 });
    const healthy = await n.api("PATCH", "/wallet/low-balance", {
      ruleId: rule.id,
      thresholdAmount: "1",
    });
    expect(healthy.body.data.status).toBe("Healthy");
    const none = await n.api("GET", `/wallet/low-balance?walletId=${seller.id}&onlyLow=true`);
    expect(none.body.data.Rules).toEqual([]);
    const dup = await n.api("POST", "/wallet/low-balance", {
      walletId: seller.id,
      assetUnit: "",
      thresholdAmount: "5",
    });
    expect(dup.status).toBe(409);
    const removed = await n.api("DELETE", "/wallet/low-balance", { ruleId: rule.id });
    expect(removed.body.data.ruleId).toBe(rule.id);
    expect((await n.api("DELETE", "/wallet/low-balance", { ruleId: rule.id })).status).toBe(404);
    expect(
      (await n.api("PATCH", "/wallet/low-balance", { ruleId: rule.id, enabled: false })).status,
    ).toBe(404);
  });

  it.each([
    [{ walletId: "nope" }, 404, "walletId"],
    [{ thresholdAmount: "-1" }, 400, "thresholdAmount"],
    [{ thresholdAmount: "1".repeat(20) }, 400, "thresholdAmount"],
    [{ assetUnit: "abc" }, 400, "assetUnit"],
    [{ topupEnabled: true, topupAmount: "5000000" }, 400, "topupEnabled"],
  ])("refuses %j with %i naming the field", async (change, status, field) => {
    const body = {
      walletId: wallet("purchasing").id,
      assetUnit: "lovelace",
      thresholdAmount: "5000000",
      ...change,
    };
    const res = await n.api("POST", "/wallet/low-balance", body);
    expect(res.status).toBe(status);
    expect(res.body.error.field).toBe(field);
  });
});

describe(`counts and diffs on ${DB_KIND}`, () => {
  it("pages the changed payments with a cursor, oldest change first, within a bound", async () => {
    const since = new Date(n.node.parts!.nowMs()).toISOString();
    const before = (await n.api("GET", "/payment/count?network=Preprod")).body.data.total;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await n.api("POST", "/payment", {
        network: "Preprod",
        agentIdentifier: agent,
        ...jobInput(),
      });
      expect(res.status).toBe(200);
      ids.push(res.body.data.id);
    }
    expect((await n.api("GET", "/payment/count?network=Preprod")).body.data.total).toBe(before + 3);
    const first = await n.api("GET", `/payment/diff?network=Preprod&limit=2&lastUpdate=${since}`);
    expect(first.status).toBe(200);
    const page1 = first.body.data.Payments.map((p: any) => p.id);
    expect(page1).toEqual(ids.slice(0, 2));
    const next = await n.api(
      "GET",
      `/payment/diff/next-action?network=Preprod&limit=2&lastUpdate=${since}&cursorId=${page1[1]}`,
    );
    expect(next.body.data.Payments.map((p: any) => p.id)).toEqual(ids.slice(2));
    const future = new Date(n.node.parts!.nowMs() + 60_000).toISOString();
    const none = await n.api("GET", `/payment/diff?network=Preprod&lastUpdate=${future}`);
    expect(none.body.data.Payments).toEqual([]);
    const other = await n.api(
      "GET",
      `/payment/diff?network=Preprod&filterSmartContractAddress=addr_test1xyz`,
    );
    expect(other.body.data.Payments).toEqual([]);
    const v2 = await n.api(
      "GET",
      "/payment/count?network=Preprod&filterPaymentSourceType=Web3CardanoV2",
    );
    expect(v2.body.data.total).toBe(0);
  });

  it.each([
    ["/payment/diff?network=Preprod&lastUpdate=yesterday", "lastUpdate"],
    ["/payment/diff?network=Preprod&limit=101", "limit"],
    ["/purchase/diff?network=Mainnet", "network"],
    ["/payment/diff?network=Preprod&cursorId=nope", "cursorId"],
    ["/registry/count", "network"],
    ["/payment/count?network=Preprod&filterNeedsManualAction=yes", "filterNeedsManualAction"],
  ])("refuses %s naming %s", async (route, field) => {
    const res = await n.api("GET", route);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.field).toBe(field);
  });

  it("counts and diffs this node's registrations", async () => {
    expect((await n.api("GET", "/registry/count?network=Preprod")).body.data.total).toBe(1);
    const diff = await n.api("GET", "/registry/diff?network=Preprod");
    expect(diff.body.data.Assets.map((a: any) => a.agentIdentifier)).toEqual([agent]);
  });
});

describe(`recovery, deletion and reads on ${DB_KIND}`, () => {
  it("answers error-state-recovery only for the state the caller saw", async () => {
    const created = await n.api("POST", "/payment", {
      network: "Preprod",
      agentIdentifier: agent,
      ...jobInput(),
    });
    const p = created.body.data;
    const body = { network: "Preprod", blockchainIdentifier: p.blockchainIdentifier };
    const ok = await n.api("POST", "/payment/error-state-recovery", {
      ...body,
      updatedAt: p.updatedAt,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data.updatedAt).toBe(p.updatedAt);
    const stale = await n.api("POST", "/payment/error-state-recovery", {
      ...body,
      updatedAt: "2020-01-01T00:00:00Z",
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.field).toBe("updatedAt");
    const missing = await n.api("POST", "/payment/error-state-recovery", body);
    expect(missing.body.error.field).toBe("updatedAt");
    const wrongSide = await n.api("POST", "/purchase/error-state-recovery", {
      ...body,
      updatedAt: p.updatedAt,
    });
    expect(wrongSide.status).toBe(404);
    expect((await n.api("GET", `/payment/${p.id}`)).body.data.blockchainIdentifier).toBe(
      p.blockchainIdentifier,
    );
    expect((await n.api("GET", "/purchase/nope")).status).toBe(404);
  });

  it("deletes only a registration that is over", async () => {
    const list = await n.api("GET", "/registry?network=Preprod");
    const live = list.body.data.Assets[0];
    const refused = await n.api("DELETE", "/registry", { id: live.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/RegistrationConfirmed/);
    expect((await n.api("DELETE", "/registry", { id: "nope" })).status).toBe(404);
    expect((await as(readToken, "DELETE", "/registry", { id: live.id })).status).toBe(403);
  });

  it("pages an address's UTxOs and sums its balance", async () => {
    const address = wallet("purchasing").address;
    const page = (p: number) =>
      n.api("GET", `/utxos?address=${address}&network=Preprod&count=1&page=${p}&order=Asc`);
    const [a, b] = [(await page(1)).body.data.Utxos, (await page(2)).body.data.Utxos];
    expect(a.length).toBe(1);
    expect(b.length).toBe(1);
    expect(`${a[0].txHash}#${a[0].outputIndex}`).not.toBe(`${b[0].txHash}#${b[0].outputIndex}`);
    const balance = await n.api("GET", `/balance?address=${address}&network=Preprod`);
    const ada = balance.body.data.Balance.find((x: any) => x.unit === "");
    expect(BigInt(ada.quantityString)).toBe(await lovelaceOf(address));
    const bad = await n.api("GET", "/utxos?address=addr1qxyz&network=Preprod");
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("address");
    const other = await n.api("GET", `/balance?address=${address}&network=Mainnet`);
    expect(other.status).toBe(400);
  });

  it("lists the node's escrow as its one payment source", async () => {
    const res = await n.api("GET", "/payment-source");
    const [source] = res.body.data.PaymentSources;
    expect(source.smartContractAddress).toBe(n.node.parts!.escrow.facts.escrowAddress);
    expect(source.AdminWallets.length).toBe(
      n.node.parts!.escrow.facts.params.adminKeyHashes.length,
    );
    expect(source.feeRatePermille).toBe(0);
  });
});
