/**
 * Vouchers between two real nodes on one devnet, over HTTP: the buyer's node locks, signs a
 * running total with its purchasing wallet against the escrow its watcher saw; the seller's
 * node checks it against the lock its own watcher read (buyer key, script hash, reference,
 * value) and keeps it. Also: the Idempotency-Key replays a voucher answer and refuses the same
 * key with another total. Redeeming on chain needs the RedeemVoucher builder (another branch).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deserializeAddress } from "@meshsdk/core";
import { verifyVoucher } from "../src/domain/voucher.ts";
import { DB_KIND } from "./support/db.ts";
import {
  closeNodes,
  openNode,
  openPeerNode,
  payJob,
  registerAgent,
  TUSDM,
  waitIndexed,
  waitState,
  type TestNode,
} from "./support/lifecycle-world.ts";

let seller: TestNode;
let buyer: TestNode;
let agent: string;

beforeAll(async () => {
  seller = await openNode();
  buyer = await openPeerNode(seller);
  agent = await registerAgent(seller);
  await waitIndexed(buyer, agent);
}, 180_000);
afterAll(async () => {
  await closeNodes(buyer, seller);
});

async function lockedJob() {
  const { blockchainIdentifier: id } = await payJob(seller, buyer, agent);
  await waitState(seller, "payment", id, "FundsLocked");
  await waitState(buyer, "purchase", id, "FundsLocked");
  return id;
}

const subject = (id: string) => ({ network: "Preprod", blockchainIdentifier: id });
const handed = (d: any) => ({ unit: d.unit, total: d.total, vkey: d.vkey, signature: d.signature });

describe(`vouchers between two nodes on one devnet (${DB_KIND})`, () => {
  it("the buyer's node signs, the seller's node verifies against its own reading of the lock", async () => {
    const id = await lockedJob();
    const issued = await buyer.api("POST", "/purchase/voucher", {
      ...subject(id),
      unit: TUSDM,
      total: "1250000",
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const v = issued.body.data;
    const escrowAddress = seller.node.parts!.escrow.facts.escrowAddress;
    expect(v.scriptHash).toBe(deserializeAddress(escrowAddress).scriptHash);
    expect(v.scriptHash).toBe(seller.node.parts!.escrow.facts.script.hash);
    const buyerWallet = buyer.node.parts!.wallets.find((w) => w.role === "purchasing")!;
    expect(verifyVoucher({ ...v, total: 1_250_000n }, buyerWallet.paymentKeyHash)).toEqual({
      ok: true,
    });
    const kept = await seller.api("POST", "/payment/voucher", {
      ...subject(id),
      voucher: handed(v),
    });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.data).toMatchObject({ total: "1250000", count: 1, reference: v.reference });

    const more = await buyer.api("POST", "/purchase/voucher", {
      ...subject(id),
      unit: TUSDM,
      total: "5000000",
    });
    expect(more.status).toBe(200);
    expect(
      (
        await seller.api("POST", "/payment/voucher", {
          ...subject(id),
          voucher: handed(more.body.data),
        })
      ).body.data,
    ).toMatchObject({ total: "5000000", count: 2 });
    // The older voucher is refused now, and the buyer does not sign past what it locked.
    const older = await seller.api("POST", "/payment/voucher", {
      ...subject(id),
      voucher: handed(v),
    });
    expect(older.status).toBe(409);
    expect(older.body.error.field).toBe("voucher.total");
    const over = await buyer.api("POST", "/purchase/voucher", {
      ...subject(id),
      unit: TUSDM,
      total: "5000001",
    });
    expect(over.status).toBe(400);
    expect(over.body.error.field).toBe("total");
  });

  it("a voucher for another escrow of the same buyer is refused", async () => {
    const [a, b] = [await lockedJob(), await lockedJob()];
    const forB = await buyer.api("POST", "/purchase/voucher", {
      ...subject(b),
      unit: TUSDM,
      total: "10",
    });
    const res = await seller.api("POST", "/payment/voucher", {
      ...subject(a),
      voucher: handed(forB.body.data),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("voucher.signature");
  });

  it("an Idempotency-Key replays the voucher answer and refuses another total under it", async () => {
    const id = await lockedJob();
    const post = async (total: string) => {
      const res = await fetch(`${buyer.node.apiUrl}/purchase/voucher`, {
        method: "POST",
        headers: {
          token: buyer.node.parts!.keys.adminKey,
          "content-type": "application/json",
          "idempotency-key": `voucher-${id.slice(-12)}`,
        },
        body: JSON.stringify({ ...subject(id), unit: TUSDM, total }),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const first = await post("77");
    expect(first.status).toBe(200);
    const replay = await post("77");
    expect(replay.body).toEqual(first.body);
    const other = await post("78");
    expect(other.status).toBe(409);
    expect(other.body.error.field).toBe("total");
  });
});
