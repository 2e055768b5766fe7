/**
 * The chain port's failure handling against a scripted local server: what is retried, how
 * often, what is never retried, and that no failure passes for an empty answer.
 */
import { describe, expect, it } from "vitest";
import { BlockfrostProvider, core } from "@meshsdk/core";
import {
  ChainHttpError,
  ChainLimitError,
  ChainRetryExhaustedError,
  ChainTransportError,
  TxEvaluationError,
  TxRejectedError,
} from "../src/chain/errors.ts";
import { createMeshEvaluator, createMeshFetcher } from "../src/chain/mesh.ts";
import { outputsOfTx } from "../src/chain/tx-outputs.ts";
import { assertRetryPolicy, backoffDelayMs, DEFAULT_RETRY_POLICY } from "../src/chain/retry.ts";
import { bfError, useFakeServer } from "./chain-fake-server.ts";

const ADDRESS = "addr_test1qpfakeaddressforretrytests";
const HASH = "ab".repeat(32);
/** One input, one 2 ADA output to an enterprise address, no witnesses: a minimal payment. */
const PLAIN_TX =
  "84a300d9010281825820" +
  "11".repeat(32) +
  "00018182581d60" +
  "22".repeat(28) +
  "1a001e8480021a00030d40a0f5f6";
const BLOCK = {
  time: 1_700_000_000,
  height: 42,
  hash: "cd".repeat(32),
  slot: 9_000,
  epoch: 1,
  epoch_slot: 0,
  slot_leader: "pool1x",
  size: 1,
  tx_count: 0,
  output: null,
  fees: null,
  block_vrf: null,
  op_cert: null,
  op_cert_counter: null,
  previous_block: "ef".repeat(32),
  next_block: null,
  confirmations: 0,
};

function utxoRow(i: number) {
  return {
    address: ADDRESS,
    tx_hash: i.toString(16).padStart(64, "0"),
    tx_index: 0,
    output_index: 0,
    amount: [{ unit: "lovelace", quantity: "1000000" }],
    block: "cd".repeat(32),
    data_hash: null,
    inline_datum: null,
    reference_script_hash: null,
  };
}

const fake = useFakeServer();
const chain = fake.chain;

describe("retry policy", () => {
  it("retries 429 and succeeds within the bound, counting every request", async () => {
    fake.server.script("blocks/latest", [
      bfError(429, "slow down"),
      bfError(429, "slow down"),
      { status: 200, body: BLOCK },
    ]);
    const port = chain();
    const tip = await port.tip();
    expect(tip).toMatchObject({ height: 42, slot: 9_000, blockTimeMs: 1_700_000_000_000 });
    expect(fake.server.requests).toHaveLength(3);
    expect(port.stats()).toEqual({
      requestsTotal: 3,
      retriesTotal: 2,
      byEndpoint: { "blocks/latest": 3 },
    });
  });

  it("gives up on a 500 storm after attemptsMax with a typed error that says so", async () => {
    fake.server.script("blocks/latest", [bfError(500, "boom")]);
    const error = await chain()
      .tip()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainRetryExhaustedError);
    const exhausted = error as ChainRetryExhaustedError;
    expect(exhausted.attempts).toBe(3);
    expect(exhausted.lastStatusCode).toBe(500);
    expect(exhausted.message).toMatch(/gave up after 3 attempts/);
    expect(fake.server.requests).toHaveLength(3);
  });

  it("does not retry a 400", async () => {
    fake.server.script("blocks/latest", [bfError(400, "bad request")]);
    const error = await chain()
      .tip()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainHttpError);
    expect((error as ChainHttpError).statusCode).toBe(400);
    expect(fake.server.requests).toHaveLength(1);
  });

  it("retries a dropped connection, then reports it as a transport failure", async () => {
    fake.server.script("blocks/latest", ["hangUp"]);
    const error = await chain()
      .tip()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainRetryExhaustedError);
    expect((error as ChainRetryExhaustedError).cause).toBeInstanceOf(ChainTransportError);
    expect(fake.server.requests).toHaveLength(3);
  });

  it("computes exponential delays under the ceiling, with jitter within [d/2, d]", () => {
    const policy = { attemptsMax: 10, baseDelayMs: 100, maxDelayMs: 1_000, jitter: false };
    expect([1, 2, 3, 4, 5].map((r) => backoffDelayMs(r, policy))).toEqual([
      100, 200, 400, 800, 1_000,
    ]);
    const jittered = { ...policy, jitter: true };
    expect(backoffDelayMs(3, jittered, () => 0)).toBe(200);
    expect(backoffDelayMs(3, jittered, () => 0.999_999)).toBeCloseTo(400, 3);
  });

  it("refuses a policy without a bound", () => {
    expect(() => assertRetryPolicy({ ...DEFAULT_RETRY_POLICY, attemptsMax: 0 })).toThrow();
    expect(() => assertRetryPolicy({ ...DEFAULT_RETRY_POLICY, attemptsMax: Infinity })).toThrow();
    expect(() => chain({ retry: { attemptsMax: 1000 } })).toThrow(/invalid retry policy/);
  });
});

describe("404 means absence only where it should", () => {
  it("an unknown transaction is null and its status notFound", async () => {
    fake.server.script(`txs/${HASH}`, [bfError(404, "not found")]);
    fake.server.script(`mempool/${HASH}`, [bfError(404, "not found")]);
    const port = chain();
    expect(await port.tx(HASH)).toBeNull();
    expect(await port.txStatus(HASH)).toEqual({ kind: "notFound" });
  });

  it("an address never seen has no UTxOs", async () => {
    fake.server.script(`addresses/${ADDRESS}/utxos`, [bfError(404, "not found")]);
    expect(await chain().utxos(ADDRESS)).toEqual([]);
  });

  it("a 404 on protocol parameters is an error, not a default", async () => {
    fake.server.script("epochs/latest/parameters", [bfError(404, "not found")]);
    await expect(chain().protocolParams()).rejects.toBeInstanceOf(ChainHttpError);
  });
});

describe("submission", () => {
  it("a 400 is a rejection carrying the ledger's reason, not retried", async () => {
    fake.server.script("tx/submit", [bfError(400, "BadInputsUTxO: input already spent")]);
    const error = await chain()
      .submitTx("84a0")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TxRejectedError);
    expect((error as TxRejectedError).reason).toBe("BadInputsUTxO: input already spent");
    expect((error as TxRejectedError).afterAmbiguousAttempt).toBe(false);
    expect(fake.server.requests).toEqual(["POST /api/v0/tx/submit"]);
  });

  it("a rejection after a lost answer is flagged as possibly already accepted", async () => {
    fake.server.script("tx/submit", [bfError(503, "busy"), bfError(400, "already in mempool")]);
    const error = await chain()
      .submitTx("84a0")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TxRejectedError);
    expect((error as TxRejectedError).afterAmbiguousAttempt).toBe(true);
  });

  it("returns the hash the backend gives", async () => {
    fake.server.script("tx/submit", [{ status: 200, body: HASH }]);
    expect(await chain().submitTx("84a0")).toBe(HASH);
  });
});

describe("paging", () => {
  it("reads past 100 UTxOs and stops at the short page", async () => {
    const rows = Array.from({ length: 101 }, (_, i) => utxoRow(i));
    fake.server.script(`addresses/${ADDRESS}/utxos`, [
      { status: 200, body: rows.slice(0, 100) },
      { status: 200, body: rows.slice(100) },
    ]);
    const utxos = await chain().utxos(ADDRESS);
    expect(utxos).toHaveLength(101);
    expect(utxos.reduce((sum, u) => sum + u.value.lovelace, 0n)).toBe(101_000_000n);
    expect(fake.server.requests).toHaveLength(2);
  });

  it("reaching the page bound throws instead of returning part of the set", async () => {
    const full = Array.from({ length: 100 }, (_, i) => utxoRow(i));
    fake.server.script(`addresses/${ADDRESS}/utxos`, [{ status: 200, body: full }]);
    const error = await chain({ limits: { utxoPagesMax: 2 } })
      .utxos(ADDRESS)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainLimitError);
    expect(fake.server.requests).toHaveLength(2);
  });

  it("history skips the checkpoint itself and reports more when txsMax is reached", async () => {
    const row = (h: number, i: number) => ({
      tx_hash: `${h}${i}`.padStart(64, "0"),
      tx_index: i,
      block_height: h,
      block_time: h,
    });
    fake.server.script(`addresses/${ADDRESS}/transactions`, [
      { status: 200, body: [row(5, 1), row(5, 2), row(7, 0), row(9, 3)] },
    ]);
    const page = await chain().addressTxsSince(ADDRESS, { height: 5, index: 1 }, { txsMax: 2 });
    expect(page.txs.map((t) => [t.blockHeight, t.txIndex])).toEqual([
      [5, 2],
      [7, 0],
    ]);
    expect(page.checkpoint).toEqual({ height: 7, index: 0 });
    expect(page.more).toBe(true);
    expect(fake.server.requests[0]).toContain("from=5%3A1");
    expect(fake.server.requests[0]).toContain("order=asc");
  });
});

describe("evaluation", () => {
  it("reads Ogmios budgets and turns a failure into TxEvaluationError", async () => {
    fake.server.script("utils/txs/evaluate/utxos", [
      {
        status: 200,
        body: { result: { EvaluationResult: { "spend:0": { memory: 10, steps: 20 } } } },
      },
      {
        status: 200,
        body: { result: { EvaluationFailure: { ScriptFailures: { "spend:0": ["trace"] } } } },
      },
    ]);
    const port = chain();
    expect(await port.evaluateTx("84a0")).toEqual([
      { purpose: "spend", index: 0, mem: 10n, steps: 20n },
    ]);
    await expect(port.evaluateTx("84a0")).rejects.toBeInstanceOf(TxEvaluationError);
  });
});

describe("Mesh adapters", () => {
  it("fetchAddressUTxOs throws on a 500 storm where Mesh's BlockfrostProvider answers []", async () => {
    fake.server.script(`addresses/${ADDRESS}/utxos`, [bfError(500, "down")]);
    const fetcher = createMeshFetcher(chain());
    await expect(fetcher.fetchAddressUTxOs(ADDRESS)).rejects.toBeInstanceOf(
      ChainRetryExhaustedError,
    );
    // The reason the adapter exists: the stock provider reads the outage as an empty wallet.
    expect(await new BlockfrostProvider(fake.server.baseUrl).fetchAddressUTxOs(ADDRESS)).toEqual(
      [],
    );
  });

  it("maps amounts to Mesh's strings, lovelace first", async () => {
    fake.server.script(`addresses/${ADDRESS}/utxos`, [
      {
        status: 200,
        body: [
          {
            ...utxoRow(1),
            amount: [
              { unit: "lovelace", quantity: "2000000" },
              { unit: "aa".repeat(28) + "01", quantity: "18446744073709551617" },
            ],
          },
        ],
      },
    ]);
    const [utxo] = await createMeshFetcher(chain()).fetchAddressUTxOs(ADDRESS);
    expect(utxo?.output.amount).toEqual([
      { unit: "lovelace", quantity: "2000000" },
      { unit: "aa".repeat(28) + "01", quantity: "18446744073709551617" },
    ]);
  });

  it("answers a transaction without redeemers without asking the backend", async () => {
    expect(await createMeshEvaluator(chain()).evaluateTx(PLAIN_TX)).toEqual([]);
    expect(fake.server.requests).toEqual([]);
  });

  it("reads a chained transaction's outputs as UTxOs", () => {
    expect(outputsOfTx(PLAIN_TX)).toEqual([
      {
        input: { txHash: core.resolveTxHash(PLAIN_TX), outputIndex: 0 },
        output: {
          address: expect.stringMatching(/^addr_test1/),
          amount: [{ unit: "lovelace", quantity: "2000000" }],
        },
      },
    ]);
  });
});
