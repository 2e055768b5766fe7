/**
 * Mesh against the devnet over HTTP, as an application would use it: BlockfrostProvider given
 * the devnet's base URL fetches and submits, MeshWallet signs. A 10 tUSDM payment with an
 * inline datum to a script address is accepted and lands in a block; a resubmission, an
 * unsigned transaction and an expired one are each refused with a 400 carrying the ledger's
 * reason.
 */
import { BlockfrostProvider, MeshTxBuilder, type UTxO } from "@meshsdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timeToSlot } from "../src/chain/network.ts";
import { DEVNET_USDM_UNIT } from "../src/devnet/genesis.ts";
import { startDevnet, type RunningDevnet } from "../src/devnet/index.ts";
import {
  ALWAYS_SUCCEEDS_V3,
  newWallet,
  scriptFacts,
  type TestWallet,
} from "../src/devnet/test-support.ts";

const TEN_USDM = 10_000_000n;
const DATUM = "escrowd devnet datum";

/** Mesh's provider throws a JSON string {data, headers, status}; this reads it back. */
async function refusal(p: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = await p.then(
    () => {
      throw new Error("the devnet accepted a transaction it should refuse");
    },
    (e: unknown) => e,
  );
  const parsed = JSON.parse(String(error)) as {
    status: number;
    data: { status_code: number; message: string };
  };
  expect(parsed.data.status_code).toBe(parsed.status);
  return { status: parsed.status, message: parsed.data.message };
}

describe("Mesh through the devnet's Blockfrost API", () => {
  let devnet: RunningDevnet;
  let provider: BlockfrostProvider;
  let payer: TestWallet;
  const script = scriptFacts(ALWAYS_SUCCEEDS_V3);

  const slotNow = () => timeToSlot(devnet.ledger.nowMs(), "preprod");
  const txBuilder = async () =>
    new MeshTxBuilder({
      fetcher: provider,
      submitter: provider,
      params: await provider.fetchProtocolParameters(),
    });

  beforeAll(async () => {
    devnet = await startDevnet({ blockIntervalMs: 3_600_000 });
    provider = new BlockfrostProvider(devnet.blockfrostUrl);
    payer = await newWallet();
    const funding = await devnet.ledger.faucet(payer.address, {
      lovelace: 50_000_000n,
      assets: [{ unit: DEVNET_USDM_UNIT, quantity: 3n * TEN_USDM }],
    });
    devnet.ledger.produceBlock();
    await devnet.ledger.waitForTx(funding, 10_000);
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("pays 10 tUSDM with an inline datum to a script address; the payment lands in a block", async () => {
    const slot = slotNow();
    const unsigned = await (
      await txBuilder()
    )
      .txOut(script.address, [
        { unit: "lovelace", quantity: "2000000" },
        { unit: DEVNET_USDM_UNIT, quantity: TEN_USDM.toString() },
      ])
      .txOutInlineDatumValue(DATUM)
      .invalidBefore(slot - 60)
      .invalidHereafter(slot + 600)
      .changeAddress(payer.address)
      .selectUtxosFrom(await provider.fetchAddressUTxOs(payer.address))
      .complete();
    const signed = await payer.wallet.signTx(unsigned);
    const hash = await provider.submitTx(signed);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    const block = devnet.ledger.produceBlock();
    expect(block?.txHashes).toContain(hash);
    const info = await provider.fetchTxInfo(hash);
    expect(info).toMatchObject({ hash, block: block?.hash, invalidBefore: String(slot - 60) });

    const atScript = await provider.fetchAddressUTxOs(script.address);
    const paid = atScript.find((u: UTxO) => u.input.txHash === hash);
    expect(paid?.output.amount).toContainEqual({ unit: DEVNET_USDM_UNIT, quantity: "10000000" });
    // The datum is a 20-byte string: CBOR byte string header 0x54, then the bytes.
    expect(paid?.output.plutusData).toBe("54" + Buffer.from(DATUM, "utf8").toString("hex"));

    // Sent again: its inputs are spent now, and the ledger says so.
    const again = await refusal(provider.submitTx(signed));
    expect(again.status).toBe(400);
    expect(again.message).toMatch(/Missing inputs/);
  });

  it("refuses an unsigned transaction with the ledger's reason", async () => {
    const unsigned = await (
      await txBuilder()
    )
      .txOut(script.address, [{ unit: DEVNET_USDM_UNIT, quantity: TEN_USDM.toString() }])
      .txOutInlineDatumValue(DATUM)
      .changeAddress(payer.address)
      .selectUtxosFrom(await provider.fetchAddressUTxOs(payer.address))
      .complete();
    const refused = await refusal(provider.submitTx(unsigned));
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/Missing key hashes/);
    expect(devnet.ledger.mempoolSize()).toBe(0);
  });

  it("refuses a transaction outside its validity interval with the ledger's reason", async () => {
    const slot = slotNow();
    const unsigned = await (
      await txBuilder()
    )
      .txOut(script.address, [{ unit: DEVNET_USDM_UNIT, quantity: TEN_USDM.toString() }])
      .txOutInlineDatumValue(DATUM)
      .invalidBefore(slot - 600)
      .invalidHereafter(slot - 300)
      .changeAddress(payer.address)
      .selectUtxosFrom(await provider.fetchAddressUTxOs(payer.address))
      .complete();
    const refused = await refusal(provider.submitTx(await payer.wallet.signTx(unsigned)));
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/outside the validity interval/);
    expect(devnet.ledger.mempoolSize()).toBe(0);
  });
});
