/**
 * Deploys the contracts on a test chain the way the node will: both scripts published once as
 * reference scripts (parked at an address no wallet selects coins from) and the escrow's reward
 * address registered.
 */
import { MeshTxBuilder } from "@meshsdk/core";
import {
  applyEscrowParameters,
  escrowAddress,
  escrowRewardAddress,
  escrowScript,
  readBlueprint,
  registryScript,
  type DeployedScript,
  type EscrowParameters,
} from "../blueprint.ts";
import { DEVNET_MESH_PARAMS, type TestChain } from "./chain.ts";
import type { Party } from "./parties.ts";

export interface OutRef {
  txHash: string;
  outputIndex: number;
}

export interface Deployment {
  params: EscrowParameters;
  escrow: DeployedScript;
  escrowAddress: string;
  rewardAddress: string;
  escrowRef: OutRef;
  registry: DeployedScript;
  registryRef: OutRef;
}

/** Lovelace parked with each reference script (enough for its minimum UTxO). */
const REF_SCRIPT_LOVELACE = "25000000";

export async function deploy(
  chain: TestChain,
  deployer: Party,
  refHolder: string,
  params: EscrowParameters,
  opts: { unchecked?: boolean } = {},
): Promise<Deployment> {
  // Unchecked: parameters the off-chain check refuses, to test the script's own guard.
  const escrow =
    opts.unchecked === true ? applyEscrowParameters(params, readBlueprint()) : escrowScript(params);
  const registry = registryScript();
  const rewardAddress = escrowRewardAddress(escrow.hash, 0);
  const unsigned = await new MeshTxBuilder({ params: DEVNET_MESH_PARAMS })
    .txOut(refHolder, [{ unit: "lovelace", quantity: REF_SCRIPT_LOVELACE }])
    .txOutReferenceScript(escrow.cbor, "V3")
    .txOut(refHolder, [{ unit: "lovelace", quantity: REF_SCRIPT_LOVELACE }])
    .txOutReferenceScript(registry.cbor, "V3")
    .registerStakeCertificate(rewardAddress)
    .changeAddress(deployer.address)
    .selectUtxosFrom(chain.utxosAt(deployer.address))
    .complete();
  const txHash = chain.submit(await deployer.wallet.signTx(unsigned));
  return {
    params,
    escrow,
    escrowAddress: escrowAddress(escrow.hash, 0),
    rewardAddress,
    escrowRef: { txHash, outputIndex: 0 },
    registry,
    registryRef: { txHash, outputIndex: 1 },
  };
}

export type { DeployedScript };
