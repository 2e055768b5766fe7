/**
 * Registry transactions as the node will build them: mint agents from the holder's own inputs,
 * burn, update (burn version v, mint v+1), with the policy used as a reference script.
 */
import { MeshTxBuilder, type UTxO } from "@meshsdk/core";
import { toCbor, type PlutusData } from "../plutus-data.ts";
import { DEVNET_MESH_PARAMS, type TestChain } from "./chain.ts";
import type { Deployment } from "./deploy.ts";
import { walletOf, type BuildOptions } from "./escrow-tx.ts";
import type { Party } from "./parties.ts";

export interface RegistryPlan {
  holder: Party;
  /** Inputs the transaction must spend (the refs of new agents, or the UTxOs holding tokens). */
  spend: UTxO[];
  /** Asset name hex → quantity (+1 mint, -1 burn). */
  mint: Record<string, bigint>;
  redeemer: PlutusData;
}

/**
 * Builds, signs and submits a registry transaction; minted tokens go to the holder. With
 * `fixedExUnits` the transaction is not evaluated first, so it reaches the ledger as it is.
 */
export async function submitRegistry(
  chain: TestChain,
  d: Deployment,
  p: RegistryPlan,
  opts: BuildOptions = {},
): Promise<string> {
  const policy = d.registry.hash;
  const { collateral: c, spendable } = walletOf(chain, p.holder);
  const units = opts.fixedExUnits;
  const evaluator = units === undefined ? chain.evaluator : undefined;
  let b = new MeshTxBuilder({ params: DEVNET_MESH_PARAMS, fetcher: chain.fetcher, evaluator });
  for (const u of p.spend)
    b = b.txIn(u.input.txHash, u.input.outputIndex, u.output.amount, u.output.address);
  for (const [name, quantity] of Object.entries(p.mint)) {
    b = b
      .mintPlutusScriptV3()
      .mint(quantity.toString(), policy, name)
      .mintTxInReference(
        d.registryRef.txHash,
        d.registryRef.outputIndex,
        String(d.registry.sizeBytes),
        policy,
      )
      .mintRedeemerValue(toCbor(p.redeemer), "CBOR", units);
  }
  const minted = Object.entries(p.mint).filter(([, q]) => q > 0n);
  if (minted.length > 0) {
    b = b.txOut(p.holder.address, [
      { unit: "lovelace", quantity: "2000000" },
      ...minted.map(([name, q]) => ({ unit: policy + name, quantity: q.toString() })),
    ]);
  }
  const spentKeys = new Set(p.spend.map((u) => `${u.input.txHash}#${u.input.outputIndex}`));
  const unsigned = await b
    .txInCollateral(c.input.txHash, c.input.outputIndex, c.output.amount, c.output.address)
    .changeAddress(p.holder.address)
    .selectUtxosFrom(
      spendable.filter((u) => !spentKeys.has(`${u.input.txHash}#${u.input.outputIndex}`)),
    )
    .complete();
  return chain.submit(await p.holder.wallet.signTx(unsigned));
}

/** The holder's UTxO that carries `unit`. */
export function holding(chain: TestChain, holder: Party, unit: string): UTxO {
  const u = chain.utxosAt(holder.address).find((x) => x.output.amount.some((a) => a.unit === unit));
  if (u === undefined) throw new Error(`${holder.name} does not hold ${unit}`);
  return u;
}
