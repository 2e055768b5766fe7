/**
 * The devnet's asset routes through an agent NFT's life under an always-succeeds Plutus V3
 * minting policy: mint with CIP-25 metadata, transfer, update (burn, then re-mint with new
 * metadata), burn. Shapes are checked against the OpenAPI schema in devnet-openapi.test.ts;
 * here, the values Blockfrost would give.
 */
import { BlockfrostProvider, mConStr0, stringToHex, type UTxO } from "@meshsdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type RunningDevnet } from "../src/devnet/index.ts";
import {
  ALWAYS_SUCCEEDS_V3,
  builder,
  newWallet,
  scriptFacts,
  type TestWallet,
} from "../src/devnet/test-support.ts";

const policy = scriptFacts(ALWAYS_SUCCEEDS_V3);
const NAME = "Agent007";
const unit = policy.hash + stringToHex(NAME);
const cip25 = (image: string) => ({ [policy.hash]: { [NAME]: { name: "Agent 007", image } } });
/** A fixed budget, for transactions built without asking the devnet to evaluate them. */
const BUDGET = { mem: 1_000_000, steps: 1_000_000_000 };

interface MintOptions {
  /** An input to spend besides the fee inputs: the tokens a burn destroys. */
  spend?: UTxO;
  metadata?: unknown;
  outputs?: { address: string; quantity: string }[];
}

describe("the devnet's asset routes through an NFT's life", () => {
  let devnet: RunningDevnet;
  let provider: BlockfrostProvider;
  let alice: TestWallet;
  let bob: TestWallet;
  const hashes = { mint: "", transfer: "", burn: "", remint: "", final: "" };

  const get = async <T = unknown>(path: string) => {
    const res = await fetch(devnet.blockfrostUrl + path);
    return { status: res.status, body: (await res.json()) as T };
  };
  const body = async (path: string) => (await get(path)).body;

  async function confirm(txHash: string): Promise<string> {
    devnet.ledger.produceBlock();
    await devnet.ledger.waitForTx(txHash, 10_000);
    return txHash;
  }

  /** Mints (or burns: a negative quantity) under the always-succeeds policy, paid by `w`. */
  async function mintTx(w: TestWallet, quantity: string, name: string, opts: MintOptions = {}) {
    const utxos = await provider.fetchAddressUTxOs(w.address);
    const collateral = utxos.find((u) => u.output.amount.length === 1)!;
    const b = builder({ fetcher: provider, evaluator: provider });
    if (opts.spend) {
      const { input, output } = opts.spend;
      b.txIn(input.txHash, input.outputIndex, output.amount, output.address);
    }
    b.mintPlutusScriptV3()
      .mint(quantity, policy.hash, stringToHex(name))
      .mintingScript(policy.cbor)
      .mintRedeemerValue(mConStr0([]))
      .txInCollateral(
        collateral.input.txHash,
        collateral.input.outputIndex,
        collateral.output.amount,
        collateral.output.address,
      );
    for (const o of opts.outputs ?? []) {
      const asset = { unit: policy.hash + stringToHex(name), quantity: o.quantity };
      b.txOut(o.address, [{ unit: "lovelace", quantity: "2000000" }, asset]);
    }
    if (opts.metadata) b.metadataValue(721, opts.metadata as object);
    const unsigned = await b
      .changeAddress(w.address)
      .selectUtxosFrom(utxos.filter((u) => u !== collateral && u !== opts.spend))
      .complete();
    return confirm(await provider.submitTx(await w.wallet.signTx(unsigned)));
  }

  /** The UTxO of `w` holding the NFT. */
  const nftUtxo = async (w: TestWallet) => (await provider.fetchAddressUTxOs(w.address, unit))[0]!;

  beforeAll(async () => {
    devnet = await startDevnet({ blockIntervalMs: 3_600_000 });
    provider = new BlockfrostProvider(devnet.blockfrostUrl);
    [alice, bob] = [await newWallet(), await newWallet()];
    // Two payments each: one spendable, one left alone as collateral.
    for (const [w, lovelace] of [
      [alice, 100_000_000n],
      [alice, 5_000_000n],
      [bob, 50_000_000n],
      [bob, 5_000_000n],
    ] as const) {
      await confirm(await devnet.ledger.faucet(w.address, { lovelace }));
    }
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("mints the NFT with its CIP-25 metadata: one holder, one mint", async () => {
    hashes.mint = await mintTx(alice, "1", NAME, { metadata: cip25("ipfs://v1") });
    expect(await body(`/assets/${unit}`)).toMatchObject({
      quantity: "1",
      initial_mint_tx_hash: hashes.mint,
      mint_or_burn_count: 1,
      onchain_metadata: { name: "Agent 007", image: "ipfs://v1" },
      onchain_metadata_standard: "CIP25v1",
    });
    expect(await body(`/assets/${unit}/addresses`)).toEqual([
      { address: alice.address, quantity: "1" },
    ]);
    expect(await body(`/assets/${unit}/history`)).toEqual([
      { tx_hash: hashes.mint, action: "minted", amount: "1" },
    ]);
    const tx = devnet.ledger.index.tx(hashes.mint)!;
    expect(await body(`/assets/${unit}/transactions`)).toEqual([
      {
        tx_hash: hashes.mint,
        tx_index: 0,
        block_height: tx.blockHeight,
        block_time: Math.floor(tx.timeMs / 1000),
      },
    ]);
  });

  it("follows the NFT to its new holder", async () => {
    const unsigned = await builder()
      .txOut(bob.address, [
        { unit: "lovelace", quantity: "2000000" },
        { unit, quantity: "1" },
      ])
      .changeAddress(alice.address)
      .selectUtxosFrom(await provider.fetchAddressUTxOs(alice.address))
      .complete();
    hashes.transfer = await confirm(await provider.submitTx(await alice.wallet.signTx(unsigned)));
    expect(await body(`/assets/${unit}/addresses`)).toEqual([
      { address: bob.address, quantity: "1" },
    ]);
    const txs = await body(`/assets/${unit}/transactions`);
    expect((txs as { tx_hash: string }[]).map((t) => t.tx_hash)).toEqual([
      hashes.mint,
      hashes.transfer,
    ]);
    expect(await body(`/assets/${unit}`)).toMatchObject({ quantity: "1", mint_or_burn_count: 1 });
  });

  it("refuses a burn and a re-mint of the same name in one transaction: the mint would net 0", async () => {
    // The mint field holds one signed quantity per asset, and the ledger refuses a zero one.
    const utxos = await provider.fetchAddressUTxOs(bob.address);
    const collateral = utxos.find((u) => u.output.amount.length === 1)!;
    const unsigned = await builder()
      .mintPlutusScriptV3()
      .mint("0", policy.hash, stringToHex(NAME))
      .mintingScript(policy.cbor)
      .mintRedeemerValue(mConStr0([]), "Mesh", BUDGET)
      .txInCollateral(
        collateral.input.txHash,
        collateral.input.outputIndex,
        collateral.output.amount,
        collateral.output.address,
      )
      .metadataValue(721, cip25("ipfs://v2"))
      .changeAddress(bob.address)
      .selectUtxosFrom(utxos.filter((u) => u !== collateral))
      .complete();
    await expect(provider.submitTx(await bob.wallet.signTx(unsigned))).rejects.toThrow(
      /Mint cannot be empty/,
    );
  });

  it("updates by burning, then re-minting with new metadata: the latest mint's metadata", async () => {
    hashes.burn = await mintTx(bob, "-1", NAME, { spend: await nftUtxo(bob) });
    hashes.remint = await mintTx(bob, "1", NAME, { metadata: cip25("ipfs://v2") });
    expect(await body(`/assets/${unit}`)).toMatchObject({
      quantity: "1",
      initial_mint_tx_hash: hashes.mint,
      mint_or_burn_count: 3,
      onchain_metadata: { name: "Agent 007", image: "ipfs://v2" },
    });
    expect(await body(`/assets/${unit}/history`)).toEqual([
      { tx_hash: hashes.mint, action: "minted", amount: "1" },
      { tx_hash: hashes.burn, action: "burned", amount: "-1" },
      { tx_hash: hashes.remint, action: "minted", amount: "1" },
    ]);
    expect(await body(`/assets/${unit}/addresses`)).toEqual([
      { address: bob.address, quantity: "1" },
    ]);
    // As on Blockfrost, only transactions with an output holding the asset: not the burn.
    const txs = (await body(`/assets/${unit}/transactions`)) as { tx_hash: string }[];
    expect(txs.map((t) => t.tx_hash)).toEqual([hashes.mint, hashes.transfer, hashes.remint]);
  });

  it("takes CIP-25 metadata only from transactions that mint the asset", async () => {
    const forged = await builder()
      .txOut(alice.address, [{ unit: "lovelace", quantity: "2000000" }])
      .metadataValue(721, cip25("ipfs://forged"))
      .changeAddress(alice.address)
      .selectUtxosFrom(await provider.fetchAddressUTxOs(alice.address))
      .complete();
    await confirm(await provider.submitTx(await alice.wallet.signTx(forged)));
    // A burn's label 721 does not count either.
    const burn = { spend: await nftUtxo(bob), metadata: cip25("ipfs://burned") };
    hashes.final = await mintTx(bob, "-1", NAME, burn);
    expect(await body(`/assets/${unit}`)).toMatchObject({
      quantity: "0",
      mint_or_burn_count: 4,
      onchain_metadata: { image: "ipfs://v2" },
    });
  });

  it("keeps a burned asset listed under its policy at 0, with no holders", async () => {
    expect(await body(`/assets/policy/${policy.hash}`)).toEqual([{ asset: unit, quantity: "0" }]);
    expect(await body(`/assets/${unit}/addresses`)).toEqual([]);
    const history = (await body(`/assets/${unit}/history?order=desc`)) as unknown[];
    expect(history[0]).toEqual({ tx_hash: hashes.final, action: "burned", amount: "-1" });
    expect(history).toHaveLength(4);
  });

  it("sums holders per address, oldest holding first, and pages like Blockfrost", async () => {
    const outputs = [
      { address: bob.address, quantity: "2" },
      { address: bob.address, quantity: "1" },
    ];
    const minted = await mintTx(alice, "5", "Credit", { outputs });
    const credit = policy.hash + stringToHex("Credit");
    expect(await body(`/assets/${credit}/addresses`)).toEqual([
      { address: bob.address, quantity: "3" },
      { address: alice.address, quantity: "2" },
    ]);
    expect(await body(`/assets/${credit}/addresses?count=1&page=2`)).toEqual([
      { address: alice.address, quantity: "2" },
    ]);
    expect(await body(`/assets/policy/${policy.hash}?order=desc&count=1`)).toEqual([
      { asset: credit, quantity: "5" },
    ]);
    expect(await body(`/assets/${unit}/history?count=1&page=2`)).toEqual([
      { tx_hash: hashes.burn, action: "burned", amount: "-1" },
    ]);
    const at = devnet.ledger.index.tx(hashes.transfer)!;
    const range = `from=${at.blockHeight}&to=${devnet.ledger.index.tx(minted)!.blockHeight}`;
    const txs = (await body(`/assets/${unit}/transactions?${range}`)) as { tx_hash: string }[];
    expect(txs.map((t) => t.tx_hash)).toEqual([hashes.transfer, hashes.remint]);
  });

  it("answers 404 for an asset or policy never minted, 400 for a malformed one", async () => {
    const unknown = "ab".repeat(28) + "00";
    for (const route of ["", "/addresses", "/history", "/transactions"]) {
      expect((await get(`/assets/${unknown}${route}`)).status).toBe(404);
      expect((await get(`/assets/xyz${route}`)).status).toBe(400);
    }
    expect((await get(`/assets/policy/${"ab".repeat(28)}`)).status).toBe(404);
  });
});
