import { describe, expect, it } from "vitest";
import type { Meter } from "./escrow-meter.ts";
import { cursorAfter, newerFirst, sideBalance, type PeerTrade } from "./peer-books.ts";
import { firstDifference } from "./usage-records.ts";
import { decodeCursor, encodeCursor } from "../api/page-cursor.ts";

const U = "ab".repeat(28) + "0014df10";
const amount = (o: Partial<Meter["amounts"][number]>): Meter["amounts"][number] => ({
  unit: U,
  locked: "0",
  released: "0",
  refunded: "0",
  redeemed: "0",
  paidToSeller: "0",
  paidToBuyer: "0",
  remaining: "0",
  ...o,
});
const meter = (amounts: Meter["amounts"], claim: Meter["claim"] = null): Meter => ({
  autoRelease: false,
  priceSheetHash: null,
  claim,
  voucherTotal: "0",
  amounts,
  transactions: [{ action: "Lock", txHash: "aa", blockTimeMs: 1, toSeller: [], toBuyer: [] }],
});

describe("sideBalance", () => {
  it("counts everything paid to the seller as released, not only the buyer's releases", () => {
    const b = sideBalance([
      // Withdrawn after a result: paid to the seller, no Release step.
      meter([amount({ locked: "5", paidToSeller: "5" })]),
      meter([amount({ locked: "5", refunded: "5", paidToBuyer: "5" })]),
      meter(
        [amount({ locked: "5", released: "1", paidToSeller: "1", remaining: "4" })],
        [{ unit: U, amount: "3" }],
      ),
    ]);
    expect(b).toEqual({
      escrows: 3,
      amounts: [
        { unit: U, locked: "15", claimed: "3", released: "6", refunded: "5", pending: "4" },
      ],
    });
  });

  it("puts lovelace first and leaves an unlocked trade out of the escrow count", () => {
    const unlocked = { ...meter([]), transactions: [] };
    const b = sideBalance([
      unlocked,
      meter([amount({ unit: "lovelace", locked: "2", remaining: "2" }), amount({ locked: "1" })]),
    ]);
    expect(b.escrows).toBe(1);
    expect(b.amounts.map((a) => a.unit)).toEqual(["lovelace", U]);
  });
});

describe("trade order and cursors", () => {
  const t = (createdAtMs: number, role: "buyer" | "seller", id: string): PeerTrade => ({
    role,
    id,
    blockchainIdentifier: id,
    state: "FundsLocked",
    createdAtMs,
    escrowId: null,
    autoRelease: false,
    priceSheetHash: null,
    reportedUsage: null,
  });

  it("orders newest first, then by role and id descending", () => {
    const list = [t(1, "buyer", "a"), t(2, "buyer", "a"), t(2, "seller", "a"), t(2, "buyer", "b")];
    expect(list.sort(newerFirst).map((x) => `${x.createdAtMs}${x.role}${x.id}`)).toEqual([
      "2sellera",
      "2buyerb",
      "2buyera",
      "1buyera",
    ]);
  });

  it("round-trips a cursor and refuses one it did not make", () => {
    const c = cursorAfter(t(7, "seller", "x"));
    expect(decodeCursor(encodeCursor(c))).toEqual({ createdAtMs: 7, key: "seller:x" });
    for (const bad of ["", "!!", Buffer.from('[-1,"k"]').toString("base64url"), "e30"])
      expect(() => decodeCursor(bad)).toThrow(/cursor/);
  });
});

describe("firstDifference", () => {
  const usage = (o: object) =>
    JSON.stringify({
      calls: "1",
      outcomes: "0",
      inputTokens: "0",
      outputTokens: "0",
      computeMs: "0",
      custom: {},
      ...o,
    });
  const rec = {
    network: "preprod" as const,
    blockchainIdentifier: "b",
    usage: usage({}),
    amounts: null,
  };

  it("names the first differing field, a usage count by name", () => {
    expect(firstDifference(rec, { ...rec })).toBeUndefined();
    expect(firstDifference(rec, { ...rec, network: "mainnet" })).toBe("network");
    expect(firstDifference(rec, { ...rec, blockchainIdentifier: "c" })).toBe(
      "blockchainIdentifier",
    );
    expect(firstDifference(rec, { ...rec, usage: usage({ computeMs: "2" }) })).toBe(
      "usage.computeMs",
    );
    expect(firstDifference(rec, { ...rec, usage: usage({ custom: { gpu: "1" } }) })).toBe(
      "usage.custom",
    );
    expect(firstDifference(rec, { ...rec, amounts: "[]" })).toBe("amounts");
  });
});
