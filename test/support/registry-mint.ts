/**
 * Registry transactions for the explorer's tests, built like contracts/test-support/registry-tx.ts
 * (the policy as a reference script, names rooted at spent inputs) and carrying CIP-25 label 721
 * metadata keyed by policy id and asset name, both as hex text (the devnet reads hex keys).
 * Also: moving an NFT to another holder, and minting junk under an always-succeeds policy.
 */
import { MeshTxBuilder, type UTxO } from "@meshsdk/core";
import {
  nextRegistryAssetName,
  registryAssetName,
  registryMintRedeemer,
  REGISTRY_BURN_REDEEMER,
  REGISTRY_UPDATE_REDEEMER,
  toCbor,
  type PlutusData,
} from "../../contracts/index.ts";
import { pInt } from "../../contracts/plutus-data.ts";
import { walletOf } from "../../contracts/test-support/escrow-tx.ts";
import { DEVNET_MESH_PARAMS } from "../../contracts/test-support/chain.ts";
import type { Fixture } from "../../contracts/test-support/fixture.ts";
import type { Party } from "../../contracts/test-support/parties.ts";
import { holding } from "../../contracts/test-support/registry-tx.ts";
import { ALWAYS_SUCCEEDS_V3, scriptFacts } from "../../src/devnet/test-support.ts";

interface MintPlan {
  holder: Party;
  spend: UTxO[];
  /** Asset name hex → quantity (+1 mint, -1 burn). */
  mint: Record<string, bigint>;
  redeemer: PlutusData;
  /** Asset name hex → its label-721 metadata. */
  metadata?: Record<string, unknown>;
  /** The policy and how to run it: the registry by reference, or another script inline. */
  script?: { policyId: string; cbor: string };
}

async function submitMint(f: Fixture, p: MintPlan): Promise<string> {
  const policy = p.script?.policyId ?? f.d.registry.hash;
  const { collateral: c, spendable } = walletOf(f.chain, p.holder);
  let b = new MeshTxBuilder({
    params: DEVNET_MESH_PARAMS,
    fetcher: f.chain.fetcher,
    evaluator: f.chain.evaluator,
  });
  for (const u of p.spend)
    b = b.txIn(u.input.txHash, u.input.outputIndex, u.output.amount, u.output.address);
  for (const [name, quantity] of Object.entries(p.mint)) {
    b = b.mintPlutusScriptV3().mint(quantity.toString(), policy, name);
    b = p.script
      ? b.mintingScript(p.script.cbor)
      : b.mintTxInReference(
          f.d.registryRef.txHash,
          f.d.registryRef.outputIndex,
          String(f.d.registry.sizeBytes),
          policy,
        );
    b = b.mintRedeemerValue(toCbor(p.redeemer), "CBOR");
  }
  const minted = Object.entries(p.mint).filter(([, q]) => q > 0n);
  if (minted.length > 0) {
    // Room for the minimum UTxO of an output carrying a dozen 32-byte names.
    b = b.txOut(p.holder.address, [
      { unit: "lovelace", quantity: "5000000" },
      ...minted.map(([name, q]) => ({ unit: policy + name, quantity: q.toString() })),
    ]);
  }
  if (p.metadata) b = b.metadataValue(721, { [policy]: p.metadata, version: 1 });
  const spent = new Set(p.spend.map((u) => `${u.input.txHash}#${u.input.outputIndex}`));
  const unsigned = await b
    .txInCollateral(c.input.txHash, c.input.outputIndex, c.output.amount, c.output.address)
    .changeAddress(p.holder.address)
    .selectUtxosFrom(
      spendable.filter((u) => !spent.has(`${u.input.txHash}#${u.input.outputIndex}`)),
    )
    .complete();
  return f.chain.submit(await p.holder.wallet.signTx(unsigned));
}

/** Mints one agent per metadata value, in one transaction; returns their asset names. */
export async function mintAgents(
  f: Fixture,
  holder: Party,
  metadata: unknown[],
): Promise<string[]> {
  for (let i = walletOf(f.chain, holder).spendable.length; i < metadata.length; i++) {
    await f.chain.fund(holder.address, 10_000_000n);
  }
  const refs = walletOf(f.chain, holder).spendable.slice(0, metadata.length);
  const names = refs.map((u) => registryAssetName(u.input.txHash, u.input.outputIndex));
  await submitMint(f, {
    holder,
    spend: refs,
    mint: Object.fromEntries(names.map((n) => [n, 1n])),
    redeemer: registryMintRedeemer(refs.map((u) => u.input)),
    metadata: Object.fromEntries(names.map((n, i) => [n, metadata[i]])),
  });
  return names;
}

/** Burns version v and mints v+1 with new metadata; returns the new asset name. */
export async function updateAgent(
  f: Fixture,
  holder: Party,
  name: string,
  metadata: unknown,
): Promise<string> {
  const next = nextRegistryAssetName(name);
  await submitMint(f, {
    holder,
    spend: [holding(f.chain, holder, f.d.registry.hash + name)],
    mint: { [name]: -1n, [next]: 1n },
    redeemer: REGISTRY_UPDATE_REDEEMER,
    metadata: { [next]: metadata },
  });
  return next;
}

/** Burns the agent's NFT (deregistration). */
export async function burnAgent(f: Fixture, holder: Party, name: string): Promise<void> {
  await submitMint(f, {
    holder,
    spend: [holding(f.chain, holder, f.d.registry.hash + name)],
    mint: { [name]: -1n },
    redeemer: REGISTRY_BURN_REDEEMER,
  });
}

/** Sends the NFT `unit` from `from` to `to`. */
export async function transferNft(f: Fixture, from: Party, to: Party, unit: string): Promise<void> {
  const nft = holding(f.chain, from, unit);
  const { spendable } = walletOf(f.chain, from);
  const unsigned = await new MeshTxBuilder({ params: DEVNET_MESH_PARAMS, fetcher: f.chain.fetcher })
    .txIn(nft.input.txHash, nft.input.outputIndex, nft.output.amount, nft.output.address)
    .txOut(to.address, [
      { unit: "lovelace", quantity: "2000000" },
      { unit, quantity: "1" },
    ])
    .changeAddress(from.address)
    .selectUtxosFrom(spendable.filter((u) => u !== nft))
    .complete();
  f.chain.submit(await from.wallet.signTx(unsigned));
}

/** The always-succeeds V3 policy, under which any name can be minted. */
export const ANY_POLICY = scriptFacts(ALWAYS_SUCCEEDS_V3);

/** Mints names of any shape under the always-succeeds policy, with optional metadata. */
export async function mintUnderAnyPolicy(
  f: Fixture,
  holder: Party,
  names: string[],
  metadata?: Record<string, unknown>,
): Promise<void> {
  await submitMint(f, {
    holder,
    spend: [],
    mint: Object.fromEntries(names.map((n) => [n, 1n])),
    redeemer: pInt(0),
    metadata,
    script: { policyId: ANY_POLICY.hash, cbor: ALWAYS_SUCCEEDS_V3 },
  });
}
