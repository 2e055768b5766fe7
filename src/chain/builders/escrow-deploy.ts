/**
 * Deploys the escrow (kind `escrow_deploy`): one transaction that publishes the script as a
 * reference at the holder address and registers its reward address, doing only what the chain
 * still lacks. Every deploy intent of the batch is carried out by that one transaction; when
 * the chain already holds a deployment, the intents are refused with where it is, so nothing is
 * ever published or registered twice from a confirmed state. Two deploy transactions in flight
 * at once are the queueing side's to prevent (`queueEscrowDeploy` in escrow/deploy-queue.ts).
 */
import { z } from "zod";
import { selectableUtxos } from "../escrow/coins.ts";
import { readDeployment, referenceLovelace, type EscrowFacts } from "../escrow/deployment.ts";
import { newTxBuilder, parsePayloads, VALIDITY_SLOTS } from "./registry-common.ts";
import type { BuildInput, BuildOutcome, TxBuilder } from "./types.ts";

export const ESCROW_DEPLOY_KIND = "escrow_deploy";

const payloadSchema = z.object({ scriptHash: z.string().regex(/^[0-9a-f]{56}$/) });
export type EscrowDeployPayload = z.infer<typeof payloadSchema>;

/** The deploy builder for the escrow described by `facts`. */
export function escrowDeployBuilder(facts: EscrowFacts): TxBuilder {
  async function build(input: BuildInput): Promise<BuildOutcome> {
    const parsed = parsePayloads(input.intents, payloadSchema, ESCROW_DEPLOY_KIND);
    const rejected = [...parsed.rejected];
    const valid = parsed.valid.filter(({ id, p }) => {
      if (p.scriptHash === facts.script.hash) return true;
      rejected.push({
        id,
        reason: `this node deploys escrow ${facts.script.hash}, not ${p.scriptHash}`,
      });
      return false;
    });
    if (valid.length === 0) return { tx: undefined, rejected };
    const params = input.protocol.params;
    const status = await readDeployment(input.fetcher, facts, BigInt(params.keyDeposit));
    if (status.missing.length === 0) {
      const ref = status.reference!.input;
      const reason = `already deployed: reference script at ${ref.txHash}#${ref.outputIndex}`;
      return { tx: undefined, rejected: [...rejected, ...valid.map(({ id }) => ({ id, reason }))] };
    }
    const builder = await newTxBuilder(input);
    if (status.missing.includes("publish")) {
      const lovelace = referenceLovelace(facts, params.coinsPerUtxoSize);
      builder
        .txOut(facts.holderAddress, [{ unit: "lovelace", quantity: lovelace.toString() }])
        .txOutReferenceScript(facts.script.cbor, "V3");
    }
    if (status.missing.includes("register")) builder.registerStakeCertificate(facts.rewardAddress);
    const invalidHereafterSlot = input.tip.slot + VALIDITY_SLOTS;
    const unsignedCbor = await builder
      .invalidHereafter(invalidHereafterSlot)
      .changeAddress(input.walletAddress)
      .selectUtxosFrom(selectableUtxos(input.utxos))
      .complete();
    return {
      tx: { unsignedCbor, intentIds: valid.map(({ id }) => id), invalidHereafterSlot },
      rejected,
    };
  }
  return { kind: ESCROW_DEPLOY_KIND, batchMax: 10, build };
}
