/**
 * Queues the escrow's deployment at most once: inside one db transaction holding an advisory
 * lock, it asks the chain what is missing and whether a deploy intent is already open, and
 * queues one only when both say so. With the deploy builder's own check at build time, this
 * keeps a second publication or registration from ever being built.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { IFetcher } from "@meshsdk/core";
import type { Db } from "../../db/client.ts";
import { lockXact } from "../../db/advisory.ts";
import { intents } from "../../db/schema.ts";
import { queueIntent } from "../../services/intents.ts";
import { ESCROW_DEPLOY_KIND, type EscrowDeployPayload } from "../builders/escrow-deploy.ts";
import { readDeployment, type DeploymentStatus, type EscrowFacts } from "./deployment.ts";

export type DeployQueueResult =
  | { kind: "deployed"; status: DeploymentStatus }
  | { kind: "inProgress"; intentId: string }
  | { kind: "queued"; intentId: string; missing: DeploymentStatus["missing"] };

/** The subject the deploy intents of one escrow script share. */
export const deploySubject = (facts: EscrowFacts): string => `escrow-deploy:${facts.script.hash}`;

/** Queues a deploy intent for `walletId` unless the escrow is deployed or being deployed. */
export async function queueEscrowDeploy(
  db: Db,
  opts: {
    facts: EscrowFacts;
    walletId: string;
    fetcher: IFetcher;
    keyDepositLovelace: bigint;
    nowMs: number;
  },
): Promise<DeployQueueResult> {
  const subject = deploySubject(opts.facts);
  return db.transaction(async (txDb) => {
    const tx = txDb as unknown as Db;
    await lockXact(tx, subject);
    const [open] = await tx
      .select({ id: intents.id })
      .from(intents)
      .where(and(eq(intents.subjectId, subject), inArray(intents.status, ["queued", "in_tx"])))
      .limit(1);
    if (open) return { kind: "inProgress", intentId: open.id };
    const status = await readDeployment(opts.fetcher, opts.facts, opts.keyDepositLovelace);
    if (status.missing.length === 0) return { kind: "deployed", status };
    const payload: EscrowDeployPayload = { scriptHash: opts.facts.script.hash };
    const intentId = await queueIntent(tx, {
      kind: ESCROW_DEPLOY_KIND,
      walletId: opts.walletId,
      subjectId: subject,
      payload,
      nowMs: opts.nowMs,
    });
    return { kind: "queued", intentId, missing: status.missing };
  });
}
