/**
 * The registry explorer's indexer: every agent NFT minted under the registry policy on this
 * network, whoever minted it. Each tick lists the policy's assets (one request per 100 assets),
 * then reads at most `agentsPerTickMax` agents (two requests each at most): first the new ones
 * and those whose current version or status changed (an update, a burn), then, with what is
 * left of the budget, the stalest, round-robin by `checkedAtMs`. A transfer changes no supply,
 * so it is the round-robin that finds it: every agent is re-read at least once per
 * `ceil(agents / agentsPerTickMax)` ticks once it is older than `refreshAfterMs`.
 *
 * One agent never stops the index: each is read and stored on its own. Junk is stored as an
 * invalid entry with its reasons; a row the database still refuses is stored invalid with the
 * database's reason; an agent whose read fails is skipped, and retried after a delay that
 * doubles per failure (held in memory, up to `refreshAfterMs`), so that a few failing agents
 * cannot take every tick's budget.
 */
import type { Network } from "../chain/network.ts";
import type { ChainPort } from "../chain/port.ts";
import type { Db } from "../db/client.ts";
import type { Log } from "../log.ts";
import { currentVersion, groupPolicyAssets, type AgentAssets } from "../domain/registry-assets.ts";
import {
  loadIndexState,
  saveIndexEntry,
  type IndexedState,
  type IndexEntry,
  type SaveOutcome,
} from "../services/registry-index.ts";
import type { TickResult } from "./loop.ts";
import { invalidEntry, readAgent } from "./registry-read.ts";

/** The first retry of an agent whose read failed waits this long; each failure doubles it. */
const RETRY_FIRST_MS = 5_000;

export interface RegistryIndexerOptions {
  db: Db;
  chain: Pick<ChainPort, "policyAssets" | "asset" | "assetHolders">;
  network: Network;
  /** The registry policy (`registryScript().hash`). */
  policyId: string;
  nowMs: () => number;
  log: Log;
  /** Agents read from the chain per tick; bounds a tick's requests (default 20). */
  agentsPerTickMax?: number;
  /** An unchanged agent is re-read once its last read is this old (default 10 minutes). */
  refreshAfterMs?: number;
}

export interface RegistryIndexer {
  /** Indexes one bounded batch; `more` when changed agents are still waiting. */
  tick(): Promise<TickResult>;
}

/** What happened to one agent in a tick; `failed` when it could be neither read nor stored. */
export type Outcome = SaveOutcome | "failed";

/** What one tick did, for logs and tests. */
export interface TickReport {
  agents: number;
  read: number;
  outcomes: Record<Outcome, number>;
  waiting: number;
}

/** Agents worth reading now: changed ones first, then the stalest, at most `max` in all. */
function pick(
  groups: readonly AgentAssets[],
  known: ReadonlyMap<string, IndexedState>,
  max: number,
  staleBeforeMs: number,
): { chosen: AgentAssets[]; waiting: number } {
  const changed: AgentAssets[] = [];
  const stale: { group: AgentAssets; checkedAtMs: number }[] = [];
  for (const g of groups) {
    const k = known.get(g.agentIdentifier);
    const now = currentVersion(g);
    if (k === undefined || k.assetName !== now.asset.assetName || k.status !== now.status) {
      changed.push(g);
    } else if (k.checkedAtMs <= staleBeforeMs) {
      stale.push({ group: g, checkedAtMs: k.checkedAtMs });
    }
  }
  stale.sort(
    (a, b) =>
      a.checkedAtMs - b.checkedAtMs || (a.group.agentIdentifier < b.group.agentIdentifier ? -1 : 1),
  );
  const chosen = [...changed, ...stale.map((s) => s.group)].slice(0, max);
  return { chosen, waiting: Math.max(0, changed.length - max) };
}

/** Makes the indexer; run its `tick` in a worker loop (see `startRegistryIndexer`). */
export function createRegistryIndexer(
  opts: RegistryIndexerOptions,
): RegistryIndexer & { lastReport(): TickReport | undefined } {
  const { db, chain, network, policyId } = opts;
  const max = opts.agentsPerTickMax ?? 20;
  const refreshAfterMs = opts.refreshAfterMs ?? 600_000;
  if (!Number.isInteger(max) || max < 1) throw new RangeError("agentsPerTickMax must be ≥ 1");
  let report: TickReport | undefined;
  // Agents whose last read or write failed, and when to try them again.
  const failing = new Map<string, { failures: number; retryAtMs: number }>();

  function backOff(agentIdentifier: string, err: unknown): Outcome {
    const failures = (failing.get(agentIdentifier)?.failures ?? 0) + 1;
    const delayMs = Math.min(refreshAfterMs, RETRY_FIRST_MS * 2 ** Math.min(failures - 1, 20));
    failing.set(agentIdentifier, { failures, retryAtMs: opts.nowMs() + delayMs });
    opts.log(`registry-indexer: ${agentIdentifier} failed (${failures}×): ${messageOf(err)}`);
    return "failed";
  }

  async function save(entry: IndexEntry): Promise<Outcome> {
    try {
      return await saveIndexEntry(db, entry, opts.nowMs());
    } catch (err) {
      // The database refused a row the decoder let through: junk of an unforeseen kind. It is
      // listed invalid with the database's reason rather than retried for ever.
      const reason = `could not be stored: ${messageOf(err)}`;
      return saveIndexEntry(db, invalidEntry(entry, [reason]), opts.nowMs());
    }
  }

  async function indexOne(group: AgentAssets): Promise<Outcome> {
    try {
      const outcome = await save(await readAgent(chain, network, group));
      failing.delete(group.agentIdentifier);
      return outcome;
    } catch (err) {
      return backOff(group.agentIdentifier, err);
    }
  }

  async function tick(): Promise<TickResult> {
    const groups = groupPolicyAssets(policyId, await chain.policyAssets(policyId));
    const known = await loadIndexState(db, network, policyId);
    const nowMs = opts.nowMs();
    const present = new Set(groups.map((g) => g.agentIdentifier));
    for (const id of failing.keys()) if (!present.has(id)) failing.delete(id);
    const due = groups.filter((g) => (failing.get(g.agentIdentifier)?.retryAtMs ?? 0) <= nowMs);
    const { chosen, waiting } = pick(due, known, max, nowMs - refreshAfterMs);
    const outcomes: Record<Outcome, number> = { inserted: 0, updated: 0, unchanged: 0, failed: 0 };
    for (const group of chosen) outcomes[await indexOne(group)]++;
    report = { agents: groups.length, read: chosen.length, outcomes, waiting };
    if (outcomes.inserted + outcomes.updated + outcomes.failed > 0 || waiting > 0) {
      opts.log(
        `registry-indexer: ${groups.length} agents, read ${chosen.length} ` +
          `(${outcomes.inserted} new, ${outcomes.updated} changed, ${outcomes.failed} failed), ` +
          `${waiting} changed waiting`,
      );
    }
    return { more: waiting > 0 };
  }

  return { tick, lastReport: () => report };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
