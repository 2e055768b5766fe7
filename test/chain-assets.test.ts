/**
 * The chain port's paged asset reads against a scripted local server: every page up to the
 * bound and no further, newest-first history that stops at the caller's checkpoint, and a
 * lost checkpoint or a reached bound reported instead of a partial answer.
 */
import { describe, expect, it } from "vitest";
import { ChainCheckpointError, ChainLimitError } from "../src/chain/errors.ts";
import { bfError, useFakeServer } from "./chain-fake-server.ts";

const POLICY = "ab".repeat(28);
const UNIT = POLICY + "01";

const hash = (i: number) => i.toString(16).padStart(64, "0");
const assetRow = (i: number) => ({
  asset: POLICY + i.toString(16).padStart(4, "0"),
  quantity: "1",
});
/** History rows newest first, as `order=desc` answers: entry i minted i + 1. */
const historyDesc = (newest: number, count: number) =>
  Array.from({ length: count }, (_, k) => ({
    tx_hash: hash(newest - k),
    action: "minted",
    amount: String(newest - k + 1),
  }));

const fake = useFakeServer();
const chain = fake.chain;

describe("policy assets and holders", () => {
  it("reads past 100 assets, stops at the short page, and keeps a repeated one once", async () => {
    const rows = Array.from({ length: 102 }, (_, i) => assetRow(i));
    // Page 2 starts with the last asset of page 1 again, as a shift between pages would do.
    fake.server.script(`assets/policy/${POLICY}`, [
      { status: 200, body: rows.slice(0, 100) },
      { status: 200, body: rows.slice(99) },
    ]);
    const assets = await chain().policyAssets(POLICY);
    expect(assets).toHaveLength(102);
    expect(assets[101]).toEqual({ unit: rows[101]!.asset, quantity: 1n });
    expect(fake.server.requests).toHaveLength(2);
    expect(fake.server.requests[0]).toContain("order=asc");
  });

  it("reaching the page bound throws instead of returning part of the set", async () => {
    const full = Array.from({ length: 100 }, (_, i) => assetRow(i));
    fake.server.script(`assets/policy/${POLICY}`, [{ status: 200, body: full }]);
    const error = await chain({ limits: { policyPagesMax: 2 } })
      .policyAssets(POLICY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainLimitError);
    expect(error).toMatchObject({ limitName: "policyPagesMax", limit: 2 });
    expect(fake.server.requests).toHaveLength(2);

    const holders = Array.from({ length: 100 }, (_, i) => ({
      address: `addr_test1q${i}`,
      quantity: "1",
    }));
    fake.server.script(`assets/${UNIT}/addresses`, [{ status: 200, body: holders }]);
    await expect(chain({ limits: { assetPagesMax: 1 } }).assetHolders(UNIT)).rejects.toBeInstanceOf(
      ChainLimitError,
    );
  });

  it("reads an asset or policy the backend does not know (404) as empty", async () => {
    fake.server.script("assets/", [bfError(404, "The requested component has not been found.")]);
    const port = chain();
    expect(await port.assetHolders(UNIT)).toEqual([]);
    expect(await port.assetHistory(UNIT)).toEqual([]);
    expect(await port.policyAssets(POLICY)).toEqual([]);
  });
});

describe("asset history", () => {
  it("reads newest first, stops at the page holding the checkpoint, answers oldest first", async () => {
    // 250 entries: page 1 holds 249..150, page 2 149..50, page 3 would hold 49..0.
    fake.server.script(`assets/${UNIT}/history`, [
      { status: 200, body: historyDesc(249, 100) },
      { status: 200, body: historyDesc(149, 100) },
      { status: 200, body: historyDesc(49, 50) },
    ]);
    const entries = await chain().assetHistory(UNIT, { since: hash(120) });
    expect(entries.map((e) => e.txHash)).toEqual(
      Array.from({ length: 129 }, (_, k) => hash(121 + k)),
    );
    expect(entries[0]).toEqual({ txHash: hash(121), action: "minted", amount: 122n });
    expect(fake.server.requests).toHaveLength(2);
    expect(fake.server.requests[0]).toContain("order=desc");
  });

  it("skips an entry repeated across pages and reads the whole history without a checkpoint", async () => {
    fake.server.script(`assets/${UNIT}/history`, [
      { status: 200, body: historyDesc(149, 100) },
      // A new entry landed between the reads: page 2 starts one entry late.
      { status: 200, body: historyDesc(50, 51) },
    ]);
    const entries = await chain().assetHistory(UNIT);
    expect(entries.map((e) => e.txHash)).toEqual(Array.from({ length: 150 }, (_, k) => hash(k)));
  });

  it("throws ChainCheckpointError when the checkpoint is not in the history", async () => {
    fake.server.script(`assets/${UNIT}/history`, [{ status: 200, body: historyDesc(9, 10) }]);
    const error = await chain()
      .assetHistory(UNIT, { since: hash(77) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainCheckpointError);
    expect(error).toMatchObject({ checkpoint: hash(77) });
  });
});
