/**
 * What the escrow needs on chain before the first spend, and how to tell what is missing: the
 * escrow script published once as a reference script, and its reward address registered once
 * (every spend withdraws zero from it, see contracts/README.md).
 *
 * The reference script is parked at the address of a script that always fails, so no wallet
 * ever selects it as a coin and nobody can ever spend it: the reference stays where it is for
 * good, and the node finds it again by reading that address and matching the script hash.
 *
 * The deploy transaction publishes and registers together, so the two can never drift apart:
 * a reference output whose transaction paid a deposit is a deployment that registered too. The
 * chain port has no account reads (Blockfrost's `accounts/{stake_address}`), so that deposit is
 * the evidence registration happened; see `deploymentStatus` for what it cannot rule out.
 */
import type { IFetcher, UTxO } from "@meshsdk/core";
import {
  escrowAddress,
  escrowRewardAddress,
  escrowScript,
  type DeployedScript,
  type EscrowParameters,
} from "../../../contracts/index.ts";
import { networkId, type Network } from "../network.ts";
import { holderFacts } from "./holder.ts";
import { outputMinLovelace } from "./value.ts";

/** Everything about one escrow deployment that follows from its parameters and network. */
export interface EscrowFacts {
  params: EscrowParameters;
  network: Network;
  script: DeployedScript;
  /** Where locks go: payment by the script, no stake part (one address for the watcher). */
  escrowAddress: string;
  /** The script's reward address: registered once, every spend withdraws zero from it. */
  rewardAddress: string;
  /** The always-failing script's address, where the reference script is parked for good. */
  holderAddress: string;
}

/** The facts of the escrow deployed with `params` on `network` (pure). */
export function escrowFacts(params: EscrowParameters, network: Network): EscrowFacts {
  const script = escrowScript(params);
  const id = networkId(network);
  return {
    params,
    network,
    script,
    escrowAddress: escrowAddress(script.hash, id),
    rewardAddress: escrowRewardAddress(script.hash, id),
    holderAddress: holderFacts(id).address,
  };
}

/**
 * Lovelace the reference output holds: its minimum UTxO (the script makes it large). It is
 * priced holding 100 ada, as before: the price counts the coin at the width of the lovelace
 * held, and 100 ada takes 5 bytes, as does any price up to 2^32 - 1 lovelace.
 */
export function referenceLovelace(facts: EscrowFacts, coinsPerUtxoSize: number): bigint {
  return outputMinLovelace(
    {
      address: facts.holderAddress,
      amount: [{ unit: "lovelace", quantity: "100000000" }],
      referenceScriptV3: facts.script.cbor,
    },
    coinsPerUtxoSize,
  );
}

const byOutRef = (a: UTxO, b: UTxO): number =>
  a.input.txHash === b.input.txHash
    ? a.input.outputIndex - b.input.outputIndex
    : a.input.txHash < b.input.txHash
      ? -1
      : 1;

/**
 * The output holding `scriptHash` as a reference script among `utxos` (the holder address's),
 * the first by out-ref when several do, so every node picks the same one.
 */
export function findEscrowReference(utxos: readonly UTxO[], scriptHash: string): UTxO | undefined {
  return utxos.filter((u) => u.output.scriptHash === scriptHash).sort(byOutRef)[0];
}

export type DeployStep = "publish" | "register";

export interface DeploymentStatus {
  /** The reference script's output, once published. */
  reference: UTxO | undefined;
  /** What a deploy transaction still has to do; empty when the escrow is ready to use. */
  missing: DeployStep[];
}

/**
 * What is missing, given the reference found (if any) and the deposit its transaction paid
 * (pure). A reference whose transaction paid at least a key deposit came from a deploy
 * transaction, which registers in the same breath. A reference without one was published by
 * someone else alone: registration is then unknown, and reported missing. What the deposit
 * cannot rule out is a stranger's transaction that parked our script here while registering
 * some other credential; spends would then be refused by the ledger (nothing is lost), and the
 * fix is an account read in the chain port.
 */
export function deploymentStatus(
  reference: UTxO | undefined,
  referenceTxDepositLovelace: bigint,
  keyDepositLovelace: bigint,
): DeploymentStatus {
  if (reference === undefined) return { reference, missing: ["publish", "register"] };
  const registered = keyDepositLovelace > 0n && referenceTxDepositLovelace >= keyDepositLovelace;
  return { reference, missing: registered ? [] : ["register"] };
}

/** Reads the deployment's state through a Mesh fetcher (two or three requests). */
export async function readDeployment(
  fetcher: IFetcher,
  facts: EscrowFacts,
  keyDepositLovelace: bigint,
): Promise<DeploymentStatus> {
  const reference = findEscrowReference(
    await fetcher.fetchAddressUTxOs(facts.holderAddress),
    facts.script.hash,
  );
  if (reference === undefined) return deploymentStatus(undefined, 0n, keyDepositLovelace);
  const info = await fetcher.fetchTxInfo(reference.input.txHash);
  return deploymentStatus(reference, BigInt(info.deposit || "0"), keyDepositLovelace);
}
