/** The pure parts of deployment and locking: what is missing, and how a lock is sized. */
import type { UTxO } from "@meshsdk/core";
import { describe, expect, it } from "vitest";
import {
  escrowDatum,
  largestDatum,
  decodeEscrowDatum,
  fromCbor,
  toCbor,
} from "../contracts/index.ts";
import {
  deploymentStatus,
  escrowFacts,
  findEscrowReference,
} from "../src/chain/escrow/deployment.ts";
import { lockOutput } from "../src/chain/escrow/lock-terms.ts";
import { minLovelace, qty } from "../src/chain/escrow/value.ts";
import { newWallet } from "../src/devnet/test-support.ts";

const facts = escrowFacts(
  { adminKeyHashes: ["ad".repeat(28)], disputeThreshold: 1, cooldownMs: 0 },
  "preprod",
);
const COINS = 4310;

const utxo = (txHash: string, outputIndex: number, scriptHash?: string): UTxO => ({
  input: { txHash, outputIndex },
  output: {
    address: facts.holderAddress,
    amount: [{ unit: "lovelace", quantity: "1" }],
    scriptHash,
  },
});

describe("escrow deployment status", () => {
  it("needs both steps before anything is published", () => {
    expect(deploymentStatus(undefined, 0n, 2_000_000n).missing).toEqual(["publish", "register"]);
  });
  it("counts a reference whose transaction paid the key deposit as fully deployed", () => {
    expect(deploymentStatus(utxo("aa".repeat(32), 0), 2_000_000n, 2_000_000n).missing).toEqual([]);
  });
  it("reports registration missing when the reference came without a deposit", () => {
    expect(deploymentStatus(utxo("aa".repeat(32), 0), 0n, 2_000_000n).missing).toEqual([
      "register",
    ]);
  });
  it("finds the same reference on every node: the first by out-ref holding the script", () => {
    const h = facts.script.hash;
    const found = findEscrowReference(
      [utxo("bb".repeat(32), 0, h), utxo("aa".repeat(32), 3, h), utxo("aa".repeat(32), 1, "00")],
      h,
    );
    expect(found?.input).toEqual({ txHash: "aa".repeat(32), outputIndex: 3 });
  });
});

describe("lock terms", async () => {
  const buyer = (await newWallet()).address;
  const seller = (await newWallet()).address;
  const terms = {
    sellerAddress: seller,
    buyerAddress: buyer,
    reference: "01".repeat(16),
    inputHash: "02".repeat(32),
    times: {
      payByTimeMs: 1,
      submitResultTimeMs: 2,
      unlockTimeMs: 3,
      externalDisputeUnlockTimeMs: 4,
    },
    amounts: [{ unit: "lovelace", amount: "7000000" }],
  };
  it("adds the buyer's lovelace, enough for the largest datum a later state can have", () => {
    const out = lockOutput(terms, buyer, facts.escrowAddress, COINS);
    if (typeof out === "string") throw new Error(out);
    const d = decodeEscrowDatum(fromCbor(toCbor(out.datum)), 0);
    expect(qty(out.amount, "lovelace")).toBe(7_000_000n + d.buyerLovelace);
    const biggest = minLovelace(
      facts.escrowAddress,
      out.amount,
      escrowDatum(
        largestDatum(
          d,
          out.amount.map((a) => a.unit),
        ),
      ),
      COINS,
    );
    expect(d.buyerLovelace).toBeGreaterThanOrEqual(biggest);
  });
  it("refuses a buyer address that is not the paying wallet's, and times out of order", async () => {
    expect(lockOutput(terms, seller, facts.escrowAddress, COINS)).toMatch(/buyerAddress/);
    const late = { ...terms, times: { ...terms.times, unlockTimeMs: 2 } };
    expect(lockOutput(late, buyer, facts.escrowAddress, COINS)).toMatch(/times must/);
  });
});
