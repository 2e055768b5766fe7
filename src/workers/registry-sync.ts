/**
 * The registry sync: follows each unsettled registry request's intent through the submitter and
 * mirrors it in the request's state (queued → *Requested, in a transaction → *Initiated with the
 * transaction's hash, done → *Confirmed, failed → *Failed with the reason). A new agent's asset
 * name is read from the transaction the submitter recorded (see builders/registry-mint.ts for
 * the output order this relies on). Each tick looks at a bounded slice of requests, walking all
 * of them in id order over successive ticks so that none is starved.
 */
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { nextRegistryAssetName, registryStem } from "../../contracts/index.ts";
import { mintOrder } from "../chain/builders/registry-mint.ts";
import {
  REGISTRY_BURN_KIND,
  REGISTRY_KINDS,
  REGISTRY_MINT_KIND,
  REGISTRY_POLICY,
} from "../chain/builders/registry-common.ts";
import { outputUnits } from "../chain/tx-body.ts";
import type { Db } from "../db/client.ts";
import { chainTxs, intents, registryRequests } from "../db/schema.ts";
import { decodeAgentMetadata } from "../domain/mip002.ts";
import type { Log } from "../log.ts";
import { agentToJson, type RegistryRow } from "../services/registry.ts";
import { STATUS_GROUPS } from "../services/registry-list.ts";
import type { TickResult } from "./loop.ts";

export interface RegistrySyncDeps {
  db: Db;
  log: Log;
  nowMs: () => number;
  /** How many requests one tick looks at. */
  rowsPerTickMax?: number;
}

type IntentRow = typeof intents.$inferSelect;
type Action = "Registration" | "Update" | "Deregistration";

const actionOf = (kind: string): Action =>
  kind === REGISTRY_MINT_KIND
    ? "Registration"
    : kind === REGISTRY_BURN_KIND
      ? "Deregistration"
      : "Update";

/** Builds the sync's tick; run it in a worker loop. */
export function createRegistrySync(deps: RegistrySyncDeps): { tick: () => Promise<TickResult> } {
  const limit = deps.rowsPerTickMax ?? 100;
  let afterId = "";

  async function tick(): Promise<TickResult> {
    const rows = await deps.db
      .select()
      .from(registryRequests)
      .where(
        and(
          inArray(registryRequests.state, [...STATUS_GROUPS.Pending]),
          gt(registryRequests.id, afterId),
        ),
      )
      .orderBy(asc(registryRequests.id))
      .limit(limit);
    afterId = rows.length === limit ? rows[rows.length - 1]!.id : "";
    if (rows.length === 0) return { more: false };
    const latest = await latestIntents(
      deps.db,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      const intent = latest.get(row.id);
      if (!intent) {
        deps.log(`registry sync: request ${row.id} has no intent`);
        continue;
      }
      // One request that cannot be followed must not hold up the others behind it.
      try {
        await follow(deps, row, intent);
      } catch (err) {
        deps.log(`registry sync: request ${row.id}: ${err instanceof Error ? err.message : err}`);
      }
    }
    return { more: rows.length === limit };
  }
  return { tick };
}

/** The newest registry intent of each subject. */
async function latestIntents(db: Db, subjectIds: string[]): Promise<Map<string, IntentRow>> {
  const rows = await db
    .select()
    .from(intents)
    .where(and(inArray(intents.subjectId, subjectIds), inArray(intents.kind, REGISTRY_KINDS)))
    .orderBy(asc(intents.createdAtMs), asc(intents.id))
    .limit(subjectIds.length * 20);
  return new Map(rows.map((r) => [r.subjectId!, r]));
}

async function follow(deps: RegistrySyncDeps, row: RegistryRow, intent: IntentRow) {
  const action = actionOf(intent.kind);
  const set = (fields: Partial<RegistryRow>) =>
    deps.db
      .update(registryRequests)
      .set({ ...fields, updatedAtMs: deps.nowMs() })
      .where(eq(registryRequests.id, row.id));
  switch (intent.status) {
    case "queued":
      // A refused or expired transaction put the intent back: a new mint gets a new name.
      if (row.state === `${action}Requested`) return;
      return set({
        state: `${action}Requested`,
        currentTxHash: null,
        ...(action === "Registration" && { agentIdentifier: null, assetName: null }),
      });
    case "in_tx":
      if (row.state === `${action}Initiated` && row.currentTxHash === intent.txHash) return;
      return set({
        state: `${action}Initiated`,
        currentTxHash: intent.txHash,
        ...(action === "Registration" && (await minted(deps.db, intent))),
      });
    case "done":
      return set({
        state: `${action}Confirmed`,
        currentTxHash: intent.txHash,
        ...(await settled(deps.db, action, intent)),
      });
    case "failed":
      return set({ state: `${action}Failed`, error: intent.lastError ?? "failed" });
  }
}

/** What a confirmed action changes besides the state. */
async function settled(db: Db, action: Action, intent: IntentRow): Promise<Partial<RegistryRow>> {
  if (action === "Registration") return minted(db, intent);
  if (action === "Deregistration") return {};
  const payload = JSON.parse(intent.payload) as { assetName: string; metadata: unknown };
  const decoded = decodeAgentMetadata(payload.metadata);
  if (!decoded.ok) throw new Error(`registry sync: intent ${intent.id} carries invalid metadata`);
  return {
    assetName: nextRegistryAssetName(payload.assetName),
    metadata: agentToJson(decoded.agent),
  };
}

/** The asset name and agent identifier a mint intent's transaction gave its agent. */
async function minted(db: Db, intent: IntentRow) {
  const txHash = intent.txHash!;
  const [tx] = await db
    .select({ cbor: chainTxs.cbor })
    .from(chainTxs)
    .where(eq(chainTxs.txHash, txHash));
  const carried = await db
    .select({ id: intents.id })
    .from(intents)
    .where(and(eq(intents.txHash, txHash), eq(intents.kind, REGISTRY_MINT_KIND)))
    .limit(1000);
  const index = mintOrder(carried).findIndex((c) => c.id === intent.id);
  const units = tx && index >= 0 ? outputUnits(tx.cbor, index) : [];
  const unit = units.find((u) => u.startsWith(REGISTRY_POLICY.hash));
  // The builder wrote this output; its absence is a bug, not an outcome.
  if (!unit) throw new Error(`registry sync: no NFT output for intent ${intent.id} in ${txHash}`);
  const assetName = unit.slice(REGISTRY_POLICY.hash.length);
  return { assetName, agentIdentifier: REGISTRY_POLICY.hash + registryStem(assetName) };
}
