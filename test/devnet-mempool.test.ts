/**
 * Blockfrost's mempool routes on the devnet: a payment is listed while pending and gone once in
 * a block, its inputs resolved from the ledger's state; unknown hashes and uninvolved addresses
 * are 404s; injected faults reach these routes like any other Blockfrost route.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type RunningDevnet } from "../src/devnet/index.ts";
import { NO_FAULTS } from "../src/devnet/http/faults.ts";
import { builder, newWallet } from "../src/devnet/test-support.ts";

const HOUR_MS = 3_600_000;

interface MempoolTx {
  tx: { hash: string };
  inputs: { address: string; tx_hash: string }[];
  outputs: { address: string; amount: { unit: string; quantity: string }[] }[];
}

describe("the devnet's mempool routes", () => {
  let devnet: RunningDevnet;

  const get = async (path: string) => {
    const res = await fetch(devnet.blockfrostUrl + path);
    return { status: res.status, body: (await res.json()) as unknown };
  };

  beforeAll(async () => {
    devnet = await startDevnet({ blockIntervalMs: HOUR_MS });
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("lists payments while they are pending, inputs resolved, and drops them after their block", async () => {
    const payer = await newWallet();
    const payee = (await newWallet()).address;
    const funding = await devnet.ledger.faucet(payer.address, { lovelace: 6_000_000n });
    const funded = (await get(`/mempool/${funding}`)).body as MempoolTx;
    expect(funded.inputs.length).toBeGreaterThan(0);
    for (const input of funded.inputs) expect(input.address).toBe(devnet.ledger.faucetAddress);
    const index = funded.outputs.findIndex((o) => o.address === payer.address);
    expect(funded.outputs[index]?.amount).toEqual([{ unit: "lovelace", quantity: "6000000" }]);

    // The payer spends the funding output while it is still pending.
    const pendingUtxo = {
      input: { txHash: funding, outputIndex: index },
      output: { address: payer.address, amount: [{ unit: "lovelace", quantity: "6000000" }] },
    };
    const unsigned = await builder()
      .txOut(payee, [{ unit: "lovelace", quantity: "2000000" }])
      .changeAddress(payer.address)
      .selectUtxosFrom([pendingUtxo])
      .complete();
    const payment = devnet.ledger.submit(await payer.wallet.signTx(unsigned));
    expect(await get("/mempool")).toEqual({
      status: 200,
      body: [{ tx_hash: funding }, { tx_hash: payment }],
    });
    const paid = (await get(`/mempool/${payment}`)).body as MempoolTx;
    expect(paid.inputs).toEqual([
      {
        address: payer.address,
        tx_hash: funding,
        output_index: index,
        collateral: false,
        reference: false,
      },
    ]);
    expect((await get(`/mempool/addresses/${payer.address}`)).body).toEqual([
      { tx_hash: funding },
      { tx_hash: payment },
    ]);
    expect((await get(`/mempool/addresses/${payee}`)).body).toEqual([{ tx_hash: payment }]);

    devnet.ledger.produceBlock();
    expect(await get("/mempool")).toEqual({ status: 200, body: [] });
    expect((await get(`/mempool/${payment}`)).status).toBe(404);
    expect((await get(`/mempool/addresses/${payee}`)).status).toBe(404);
    expect((await get(`/txs/${payment}`)).status).toBe(200);
  });

  it("counts what clients send to tx/submit: accepted, refused, and resends of what it holds", async () => {
    const info = async () =>
      (
        (await (await fetch(`${devnet.url}/devnet/info`)).json()) as {
          submissions: { accepted: number; refused: number; alreadyKnown: number };
        }
      ).submissions;
    const before = await info();
    const payer = await newWallet();
    const funding = await devnet.ledger.faucet(payer.address, { lovelace: 6_000_000n });
    const funded = (await get(`/mempool/${funding}`)).body as MempoolTx;
    const index = funded.outputs.findIndex((o) => o.address === payer.address);
    const unsigned = await builder()
      .txOut((await newWallet()).address, [{ unit: "lovelace", quantity: "2000000" }])
      .changeAddress(payer.address)
      .selectUtxosFrom([
        {
          input: { txHash: funding, outputIndex: index },
          output: { address: payer.address, amount: [{ unit: "lovelace", quantity: "6000000" }] },
        },
      ])
      .complete();
    const signed = await payer.wallet.signTx(unsigned);
    const submit = (cbor: string) =>
      fetch(`${devnet.blockfrostUrl}/tx/submit`, {
        method: "POST",
        headers: { "content-type": "application/cbor" },
        body: Buffer.from(cbor, "hex"),
      });
    expect((await submit(signed)).status).toBe(200);
    expect((await submit(signed)).status).toBe(400);
    expect((await submit("84a0a0f5f6")).status).toBe(400);
    // The faucet's own transaction is not a client's: it is not counted.
    expect(await info()).toEqual({
      accepted: before.accepted + 1,
      refused: before.refused + 2,
      alreadyKnown: before.alreadyKnown + 1,
    });
    // The next test starts from an empty mempool.
    devnet.ledger.produceBlock();
  });

  it("lists a rolled-back transaction again when it is requeued", async () => {
    const payee = (await newWallet()).address;
    const hash = await devnet.ledger.faucet(payee, { lovelace: 3_000_000n });
    devnet.ledger.produceBlock();
    devnet.ledger.rollback(1, { requeue: true });
    expect((await get("/mempool")).body).toEqual([{ tx_hash: hash }]);
    devnet.ledger.produceBlock();
  });

  it("answers 404 for an unknown hash or an uninvolved address, 400 for malformed ones", async () => {
    const body = { status_code: 404, error: "Not Found" };
    expect(await get(`/mempool/${"ab".repeat(32)}`)).toMatchObject({ status: 404, body });
    const unseen = (await newWallet()).address;
    expect(await get(`/mempool/addresses/${unseen}`)).toMatchObject({ status: 404, body });
    expect((await get("/mempool/nope")).status).toBe(400);
    expect((await get("/mempool/addresses/addr_test1nope")).status).toBe(400);
    expect((await get("/mempool?page=0")).status).toBe(400);
  });

  it("answers injected faults on the mempool routes", async () => {
    const address = (await newWallet()).address;
    const paths = ["/mempool", `/mempool/${"ab".repeat(32)}`, `/mempool/addresses/${address}`];
    try {
      devnet.faults.set({ ...NO_FAULTS, rate429: 1 });
      for (const path of paths) expect((await get(path)).status).toBe(429);
      devnet.faults.set({ ...NO_FAULTS, rate500: 1 });
      for (const path of paths) expect((await get(path)).status).toBe(500);
    } finally {
      devnet.faults.set(NO_FAULTS);
    }
    expect((await get("/mempool")).status).toBe(200);
  });
});
