/**
 * The shared chain port suite's asset cases (`describeChainPort` runs them on every backend):
 * an agent NFT under a native policy of a fresh wallet through mint, transfer, update (burn,
 * then re-mint with new CIP-25 metadata) and burn, read through `AssetHoldersReader`.
 */
import { expect, it } from "vitest";
import { ForgeScript, resolveScriptHash, stringToHex, type MeshWallet } from "@meshsdk/core";
import { ChainCheckpointError } from "../src/chain/errors.ts";
import {
  builderFor,
  freshWallet,
  waitConfirmed,
  type ChainPortContext,
} from "./chain-suite-helpers.ts";

const ADA = 1_000_000n;
const UNKNOWN_HASH = "0123456789abcdef".repeat(4);
const UNKNOWN_POLICY = "cd".repeat(28);

/** Signs with every wallet in turn (a policy key and an input's key may differ), submits, waits. */
async function submitSigned(ctx: ChainPortContext, unsigned: string, signers: MeshWallet[]) {
  let tx = unsigned;
  for (const w of signers) tx = await w.signTx(tx, true);
  const hash = await ctx.port.submitTx(tx);
  expect((await waitConfirmed(ctx, hash)).kind).toBe("confirmed");
  return hash;
}

/** Registers the asset cases; `context` gives the backend once the suite has started it. */
export function describeAssetCases(context: () => ChainPortContext) {
  it("reads an NFT's holders, history and policy through mint, transfer, update and burn", async () => {
    const ctx = context();
    const [alice, bob] = [await freshWallet(ctx), await freshWallet(ctx)];
    await ctx.fund(alice.address, { lovelace: 40n * ADA });
    await ctx.fund(bob.address, { lovelace: 10n * ADA });
    const forge = ForgeScript.withOneSignature(alice.address);
    const policyId = resolveScriptHash(forge);
    const name = stringToHex("Agent");
    const unit = policyId + name;
    const cip25 = (image: string) => ({ [policyId]: { Agent: { name: "Agent", image } } });
    const nftOf = async (address: string) => ctx.port.utxos(address, { asset: unit });

    /** Mints (positive) or burns under Alice's policy, `payer` paying (and holding a burn). */
    const mint = async (quantity: string, payer = alice, metadata?: object, to?: string) => {
      const b = (await builderFor(ctx)).mint(quantity, policyId, name).mintingScript(forge);
      if (metadata) b.metadataValue(721, metadata);
      if (to)
        b.txOut(to, [
          { unit: "lovelace", quantity: "2000000" },
          { unit, quantity },
        ]);
      // A burn spends the NFT's output; the fee comes from the payer's other outputs.
      const burning = quantity.startsWith("-") ? await nftOf(payer.address) : [];
      for (const u of burning) b.txIn(u.txHash, u.outputIndex);
      const spent = new Set(burning.map((u) => `${u.txHash}#${u.outputIndex}`));
      const utxos = (await payer.fetcher.fetchAddressUTxOs(payer.address)).filter(
        (u) => !spent.has(`${u.input.txHash}#${u.input.outputIndex}`),
      );
      const unsigned = await b.changeAddress(payer.address).selectUtxosFrom(utxos).complete();
      return submitSigned(
        ctx,
        unsigned,
        payer === alice ? [alice.wallet] : [payer.wallet, alice.wallet],
      );
    };

    const minted = await mint("1", alice, cip25("ipfs://v1"));
    expect(await ctx.port.assetHolders(unit)).toEqual([{ address: alice.address, quantity: 1n }]);
    expect(await ctx.port.assetHistory(unit)).toEqual([
      { txHash: minted, action: "minted", amount: 1n },
    ]);
    expect(await ctx.port.policyAssets(policyId)).toEqual([{ unit, quantity: 1n }]);

    const transfer = await (
      await builderFor(ctx)
    )
      .txOut(bob.address, [
        { unit: "lovelace", quantity: "2000000" },
        { unit, quantity: "1" },
      ])
      .changeAddress(alice.address)
      .selectUtxosFrom(await alice.fetcher.fetchAddressUTxOs(alice.address))
      .complete();
    await submitSigned(ctx, transfer, [alice.wallet]);
    expect(await ctx.port.assetHolders(unit)).toEqual([{ address: bob.address, quantity: 1n }]);

    // An update: the mint field cannot burn and re-mint one name in a single transaction.
    const burned = await mint("-1", bob);
    const reminted = await mint("1", alice, cip25("ipfs://v2"), bob.address);
    const updated = await ctx.port.asset(unit);
    expect(updated).toMatchObject({ quantity: 1n, mintOrBurnCount: 3, initialMintTxHash: minted });
    expect(updated?.onchainMetadata).toMatchObject({ image: "ipfs://v2" });
    expect(await ctx.port.assetHolders(unit)).toEqual([{ address: bob.address, quantity: 1n }]);
    const sinceMint = await ctx.port.assetHistory(unit, { since: minted });
    expect(sinceMint).toEqual([
      { txHash: burned, action: "burned", amount: 1n },
      { txHash: reminted, action: "minted", amount: 1n },
    ]);
    expect(await ctx.port.assetHistory(unit, { since: reminted })).toEqual([]);

    const final = await mint("-1", bob);
    expect(await ctx.port.asset(unit)).toMatchObject({ quantity: 0n, mintOrBurnCount: 4 });
    expect(await ctx.port.assetHolders(unit)).toEqual([]);
    expect(await ctx.port.policyAssets(policyId)).toEqual([{ unit, quantity: 0n }]);
    const history = await ctx.port.assetHistory(unit);
    expect(history.map((e) => e.txHash)).toEqual([minted, burned, reminted, final]);
  });

  it("reads every page of a policy's assets", async () => {
    const ctx = context();
    const minter = await freshWallet(ctx);
    await ctx.fund(minter.address, { lovelace: 30n * ADA });
    const forge = ForgeScript.withOneSignature(minter.address);
    const policyId = resolveScriptHash(forge);
    const assetsCount = 101;
    const b = await builderFor(ctx);
    for (let i = 0; i < assetsCount; i++) {
      b.mint("1", policyId, stringToHex(`A${i}`)).mintingScript(forge);
    }
    const unsigned = await b
      .changeAddress(minter.address)
      .selectUtxosFrom(await minter.fetcher.fetchAddressUTxOs(minter.address))
      .complete();
    await submitSigned(ctx, unsigned, [minter.wallet]);
    const requests = () => ctx.port.stats().byEndpoint["assets/policy/{policy_id}"] ?? 0;
    const before = requests();
    const assets = await ctx.port.policyAssets(policyId);
    expect(assets).toHaveLength(assetsCount);
    expect(new Set(assets.map((a) => a.unit)).size).toBe(assetsCount);
    expect(assets.every((a) => a.quantity === 1n && a.unit.startsWith(policyId))).toBe(true);
    // Two pages: 100, then a short one that ends the read.
    expect(requests()).toBe(before + 2);
  });

  it("reads nothing for an asset or policy never minted, and refuses a lost checkpoint", async () => {
    const ctx = context();
    const unknown = UNKNOWN_POLICY + "00";
    expect(await ctx.port.assetHolders(unknown)).toEqual([]);
    expect(await ctx.port.assetHistory(unknown)).toEqual([]);
    expect(await ctx.port.policyAssets(UNKNOWN_POLICY)).toEqual([]);
    await expect(ctx.port.assetHistory(unknown, { since: UNKNOWN_HASH })).rejects.toBeInstanceOf(
      ChainCheckpointError,
    );
  });
}
