/**
 * A buyer outside the node locks exactly the minimum UTxO of the FundsLocked datum, so the same
 * value under the larger ResultSubmitted datum is below the ledger's minimum. The node's lock
 * check flags it (FundsOrDatumInvalid), and even so the seller's own actions still work: the
 * builder tops the continuing output up from the seller's wallet, and Withdraw gives that
 * top-up back to the seller.
 */
import type { MeshWallet } from "@meshsdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  decodeEscrowDatum,
  escrowDatum,
  escrowReference,
  fromCbor,
  paymentKeyHash,
  toCbor,
  type EscrowDatum,
} from "../contracts/index.ts";
import { ESCROW_ACTION_KIND } from "../src/chain/builders/escrow-action.ts";
import { queueEscrowDeploy } from "../src/chain/escrow/deploy-queue.ts";
import { minLovelace } from "../src/chain/escrow/value.ts";
import { createMeshFetcher } from "../src/chain/mesh.ts";
import { escrowEvents } from "../src/db/schema.ts";
import { lockProblem, type SeenEvent } from "../src/domain/escrow-match.ts";
import { builder } from "../src/devnet/test-support.ts";
import { openWallet } from "../src/services/wallets.ts";
import { DB_KIND } from "./support/db.ts";
import {
  holdings,
  intentRows,
  KEY,
  openEscrowWorld,
  queueAll,
  tickAndBlock,
  USDM,
  type EscrowWorld,
} from "./escrow-world.ts";

const HOUR_MS = 3_600_000;
const PRICE_USDM = 5_000_000n;

let w: EscrowWorld;
let coins: number;
let escrowId: string;
let locked: { datum: EscrowDatum; lovelace: bigint };

beforeAll(async () => {
  w = await openEscrowWorld();
  const fetcher = createMeshFetcher(w.chain);
  await queueEscrowDeploy(w.database.db, {
    facts: w.facts,
    walletId: w.seller.id,
    fetcher,
    keyDepositLovelace: 2_000_000n,
    nowMs: 1,
  });
  await tickAndBlock(w);
  coins = Number((await w.chain.protocolParams()).coinsPerUtxoByteLovelace);
});
afterAll(async () => {
  await w?.close();
});

/** The datum and lovelace of a lock at exactly its FundsLocked minimum (the deposit names it). */
function undersized(): { datum: EscrowDatum; lovelace: bigint } {
  const now = w.devnet.ledger.nowMs();
  let d: EscrowDatum = {
    state: "FundsLocked",
    resultHash: "",
    buyerCooldownMs: 0,
    sellerCooldownMs: 0,
    buyer: w.buyer.address,
    seller: w.seller.address,
    reference: escrowReference("5e".repeat(32)),
    inputHash: "11".repeat(32),
    submitResultTimeMs: now + 2 * HOUR_MS,
    unlockTimeMs: now + 3 * HOUR_MS,
    externalDisputeUnlockTimeMs: now + 4 * HOUR_MS,
    buyerLovelace: 0n,
    claim: null,
    voucherTotal: 0n,
    autoRelease: false,
  };
  for (let round = 0; round < 4; round++) {
    const amount = [
      { unit: "lovelace", quantity: d.buyerLovelace.toString() },
      { unit: USDM, quantity: PRICE_USDM.toString() },
    ];
    const need = minLovelace(w.facts.escrowAddress, amount, escrowDatum(d), coins);
    if (need === d.buyerLovelace) break;
    d = { ...d, buyerLovelace: need };
  }
  return { datum: d, lovelace: d.buyerLovelace };
}

describe(`a lock at exactly the FundsLocked minimum, on ${DB_KIND}`, () => {
  it("is locked by hand from the buyer's wallet and seen by the watcher", async () => {
    locked = undersized();
    const fetcher = createMeshFetcher(w.chain);
    const { wallet } = await openWallet(w.database.db, {
      walletId: w.buyer.id,
      network: "preprod",
      encryptionKeyHex: KEY,
    });
    const unsigned = await builder({ fetcher })
      .txOut(w.facts.escrowAddress, [
        { unit: "lovelace", quantity: locked.lovelace.toString() },
        { unit: USDM, quantity: PRICE_USDM.toString() },
      ])
      .txOutInlineDatumValue(toCbor(escrowDatum(locked.datum)), "CBOR")
      .changeAddress(w.buyer.address)
      .selectUtxosFrom(await fetcher.fetchAddressUTxOs(w.buyer.address))
      .complete();
    const txHash = await w.chain.submitTx(await (wallet as MeshWallet).signTx(unsigned, true));
    w.devnet.ledger.produceBlock();
    await w.watcher.tick();
    escrowId = `${txHash}#0`;
    const out = (await w.chain.txUtxos(txHash))!.outputs[0]!;
    expect(out.value.lovelace).toBe(locked.lovelace);
  });

  it("is judged invalid by the lock check: the deposit cannot pay the largest datum", async () => {
    const [event] = await w.database.db.select().from(escrowEvents);
    const terms = {
      network: "preprod" as const,
      sellerKeyHash: paymentKeyHash(w.seller.address),
      buyerKeyHash: null,
      inputHash: locked.datum.inputHash,
      amounts: [{ unit: USDM, amount: PRICE_USDM }],
      times: {
        payByTimeMs: locked.datum.submitResultTimeMs - HOUR_MS,
        submitResultTimeMs: locked.datum.submitResultTimeMs,
        unlockTimeMs: locked.datum.unlockTimeMs,
        externalDisputeUnlockTimeMs: locked.datum.externalDisputeUnlockTimeMs,
      },
    };
    const sizing = { escrowAddress: w.facts.escrowAddress, coinsPerUtxoSize: coins };
    const seen = event as unknown as SeenEvent;
    expect(lockProblem(terms, seen)).toBeNull();
    expect(lockProblem(terms, seen, sizing)).toMatch(/largest datum needs/);
  });

  it("still lets the seller submit its result: the builder adds the lovelace the datum needs", async () => {
    const sellerBefore = await holdings(w, w.seller.address);
    const [id] = await queueAll(w, ESCROW_ACTION_KIND, w.seller.id, [
      { escrowId, action: "SubmitResult", params: { resultHash: "ab".repeat(32) } },
    ]);
    await tickAndBlock(w);
    const [row] = await intentRows(w, [id!]);
    expect(row).toMatchObject({ status: "done" });
    const outs = (await w.chain.txUtxos(row!.txHash!))!.outputs.filter(
      (o) => o.address === w.facts.escrowAddress,
    );
    expect(outs).toHaveLength(1);
    const d = decodeEscrowDatum(fromCbor(outs[0]!.inlineDatumCbor!), 0);
    expect(d.state).toBe("ResultSubmitted");
    expect(outs[0]!.value.assets[USDM]).toBe(PRICE_USDM);
    const topUp = outs[0]!.value.lovelace - locked.lovelace;
    expect(topUp).toBeGreaterThan(0n);
    const fee = (await w.chain.tx(row!.txHash!))!.feesLovelace;
    const sellerAfter = await holdings(w, w.seller.address);
    expect(sellerBefore.lovelace - sellerAfter.lovelace).toBe(topUp + fee);
  });

  it("gives the top-up back to the seller on Withdraw; the buyer gets its deposit", async () => {
    w.devnet.ledger.advanceTime(locked.datum.unlockTimeMs - w.devnet.ledger.nowMs() + 60_000);
    w.devnet.ledger.produceBlock({ allowEmpty: true });
    const buyerBefore = await holdings(w, w.buyer.address);
    const sellerBefore = await holdings(w, w.seller.address);
    const [id] = await queueAll(w, ESCROW_ACTION_KIND, w.seller.id, [
      { escrowId, action: "Withdraw" },
    ]);
    await tickAndBlock(w);
    const [row] = await intentRows(w, [id!]);
    expect(row).toMatchObject({ status: "done" });
    const buyerAfter = await holdings(w, w.buyer.address);
    expect(buyerAfter.lovelace - buyerBefore.lovelace).toBe(locked.lovelace);
    const sellerAfter = await holdings(w, w.seller.address);
    expect(sellerAfter.usdm - sellerBefore.usdm).toBe(PRICE_USDM);
  });
});
