/**
 * The submitter: turns queued intents into signed transactions, batched per wallet and kind,
 * and sees each transaction through to a block. The row for a transaction (hash, CBOR, inputs)
 * is committed before the transaction is submitted, so after a crash or an unclear answer the
 * node resubmits the same bytes (harmless if they landed) instead of building anew, and never
 * spends the same inputs twice.
 */
import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { describeError } from "../log.ts";
import { chainTxs, intents, wallets } from "../db/schema.ts";
import { createMeshEvaluator, createMeshFetcher, readMeshBuildParams } from "../chain/mesh.ts";
import type { Network } from "../chain/network.ts";
import type { BuildOutcome, SignedTx, TxBuilder } from "../chain/builders/types.ts";
import { openWallet } from "../services/wallets.ts";
import type { TickResult } from "./loop.ts";
import { spendableUtxos } from "./spendable.ts";
import { queueCollateral } from "./collateral.ts";
import { NO_COLLATERAL } from "../chain/builders/registry-common.ts";
import { deferredRetry, unbuildableRetryMs } from "./retry-timing.ts";
import { reconcileTxs, submitRecorded, type Recorded, type TrackingDeps } from "./tx-tracking.ts";
import { takeBuildLease } from "./build-lease.ts";
import { batchSize, countTransaction } from "../observability/metrics.ts";

export interface SubmitterDeps extends TrackingDeps {
  network: Network;
  encryptionKeyHex: string;
  builders: TxBuilder[];
  /** How many (wallet, kind) groups one tick builds for; the rest wait for the next. */
  groupsPerTickMax?: number;
}

const PARAMS_TTL_MS = 10 * 60_000;

/** Builds the submitter's tick; run it in a worker loop. */
export function createSubmitter(deps: SubmitterDeps): { tick: () => Promise<TickResult> } {
  const groupsMax = deps.groupsPerTickMax ?? 10;
  const builders = new Map(deps.builders.map((b) => [b.kind, b]));
  let params:
    { value: Awaited<ReturnType<typeof readMeshBuildParams>>; readAtMs: number } | undefined;
  const protocol = async () => {
    if (!params || deps.nowMs() - params.readAtMs > PARAMS_TTL_MS)
      params = { value: await readMeshBuildParams(deps.chain), readAtMs: deps.nowMs() };
    return params.value;
  };

  let turn = 0;
  async function tick(): Promise<TickResult> {
    const reconciled = await reconcileTxs(deps);
    const groups = await dueGroups(deps.db, deps.nowMs(), groupsMax + 1);
    // Several processes see the same groups in the same order: each starts at its own place,
    // so they spread over the wallets instead of all reaching for the first one.
    const chosen = rotate(groups.slice(0, groupsMax), processOffset + turn++);
    for (const g of chosen) {
      const builder = builders.get(g.kind);
      if (!builder) {
        deps.log(`submitter: no builder for intents of kind ${g.kind}`);
        continue;
      }
      // One group's failure (a bug, a chain read that gave up) must not starve the others.
      try {
        const recorded = await buildAndRecord(deps, builder, g.walletId, protocol);
        if (recorded) await submitRecorded(deps, recorded);
      } catch (err) {
        deps.log(`submitter: ${g.kind} for wallet ${g.walletId} failed: ${describeError(err)}`);
      }
    }
    return { more: reconciled.more || groups.length > groupsMax };
  }
  return { tick };
}

/** This process's start among the groups (see `tick`). */
const processOffset = process.pid;

function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

async function dueGroups(db: Db, nowMs: number, limit: number) {
  return db
    .selectDistinct({ walletId: intents.walletId, kind: intents.kind })
    .from(intents)
    .where(and(eq(intents.status, "queued"), lte(intents.notBeforeMs, nowMs)))
    .orderBy(asc(intents.walletId), asc(intents.kind))
    .limit(limit);
}

/**
 * Under the wallet's build lease: read a batch of its queued intents, build and sign a
 * transaction, and record it in one db transaction, with the intents' outcomes. Returns the
 * recorded transaction, if one was built. A wallet that another process is building for is
 * skipped: its intents are in hand, and waiting would only idle this process while other
 * wallets' work waits. The build runs outside any db transaction (see build-lease.ts); an intent
 * that left the queue meanwhile (cancelled, or built by a holder whose lease this one took over)
 * makes the built transaction void: it is dropped unrecorded and unsent, and the rest wait for
 * the next tick.
 */
async function buildAndRecord(
  deps: SubmitterDeps,
  builder: TxBuilder,
  walletId: string,
  protocol: () => ReturnType<typeof readMeshBuildParams>,
): Promise<Recorded | undefined> {
  const lease = await takeBuildLease(deps.db, walletId, deps.log);
  if (!lease) return undefined;
  try {
    const nowMs = deps.nowMs();
    const batch = await deps.db
      .select()
      .from(intents)
      .where(
        and(
          eq(intents.walletId, walletId),
          eq(intents.kind, builder.kind),
          eq(intents.status, "queued"),
          lte(intents.notBeforeMs, nowMs),
        ),
      )
      .orderBy(asc(intents.createdAtMs), asc(intents.id))
      .limit(builder.batchMax);
    if (batch.length === 0) return undefined;
    let outcome: Awaited<ReturnType<typeof build>>;
    try {
      outcome = await build(deps, deps.db, builder, walletId, batch, protocol);
    } catch (err) {
      // Put off like a batch its wallet cannot pay for; the tick logs the error.
      await deps.db
        .transaction(async (txDb) => {
          const db = txDb as unknown as Db;
          if ((await lease.holdsIn(db)) && (await stillQueued(db, batch))) {
            await putOff(db, batch, `build failed: ${describeError(err)}`, nowMs);
          }
        })
        .catch(() => {});
      throw err;
    }
    return await deps.db.transaction(async (txDb) => {
      const db = txDb as unknown as Db;
      if (!(await lease.holdsIn(db)) || !(await stillQueued(db, batch))) {
        deps.log(
          `submitter: ${builder.kind} for wallet ${walletId}: intents changed while building; ` +
            "the transaction built is dropped and the rest built again",
        );
        return undefined;
      }
      await markRejected(db, outcome.rejected, nowMs);
      const queuedAt = new Map(batch.map((i) => [i.id, i.createdAtMs]));
      await markDeferred(db, outcome.deferred ?? [], queuedAt, nowMs);
      if (!outcome.tx) {
        await markWaiting(db, batch, outcome, nowMs);
        if (outcome.waiting === NO_COLLATERAL)
          await queueCollateral(db, { id: walletId, address: outcome.walletAddress }, nowMs);
        return undefined;
      }
      return record(deps, db, builder.kind, walletId, outcome, nowMs);
    });
  } finally {
    await lease.release();
  }
}

/** True if every intent of `batch` is still queued, taking their rows for transaction `db`. */
async function stillQueued(db: Db, batch: readonly { id: string }[]): Promise<boolean> {
  const rows = await db
    .select({ id: intents.id })
    .from(intents)
    .where(
      and(
        inArray(
          intents.id,
          batch.map((i) => i.id),
        ),
        eq(intents.status, "queued"),
      ),
    )
    .for("update");
  return rows.length === batch.length;
}

async function build(
  deps: SubmitterDeps,
  db: Db,
  builder: TxBuilder,
  walletId: string,
  batch: (typeof intents.$inferSelect)[],
  protocol: () => ReturnType<typeof readMeshBuildParams>,
): Promise<BuildOutcome & { signed?: SignedTx; walletAddress: string }> {
  const [walletRow] = await db.select().from(wallets).where(eq(wallets.id, walletId));
  const walletAddress = walletRow!.address;
  const outcome = await builder.build({
    intents: batch.map((i) => ({ id: i.id, payload: JSON.parse(i.payload) as unknown })),
    walletAddress,
    utxos: await spendableUtxos(
      db,
      deps.chain,
      { id: walletId, address: walletAddress },
      deps.nowMs(),
    ),
    protocol: await protocol(),
    tip: await deps.chain.tip(),
    nowMs: deps.nowMs(),
    network: deps.network,
    fetcher: createMeshFetcher(deps.chain, { rememberTxs: true }),
    evaluator: createMeshEvaluator(deps.chain),
    db,
  });
  if (!outcome.tx) return { ...outcome, walletAddress };
  return {
    ...outcome,
    walletAddress,
    signed:
      outcome.tx.signed ?? (await sign(deps, db, walletId, walletAddress, outcome.tx.unsignedCbor)),
  };
}

/** Signs on this thread, for a builder that did not sign (one not on a build thread). */
async function sign(
  deps: SubmitterDeps,
  db: Db,
  walletId: string,
  walletAddress: string,
  unsignedCbor: string,
): Promise<SignedTx> {
  const { wallet } = await openWallet(db, {
    walletId,
    network: deps.network,
    encryptionKeyHex: deps.encryptionKeyHex,
  });
  const cbor = await wallet.signTx(unsignedCbor, true);
  // Mesh is imported here, not above: with build threads (every running node) this path is
  // never taken, and the main thread need not hold it (src/chain/mesh-lib.ts).
  const { signedTx } = await import("../chain/tx-outputs.ts");
  return signedTx(cbor, walletAddress);
}

async function markRejected(db: Db, rejected: BuildOutcome["rejected"], nowMs: number) {
  for (const r of rejected) {
    await db
      .update(intents)
      .set({ status: "failed", lastError: r.reason, updatedAtMs: nowMs })
      .where(eq(intents.id, r.id));
  }
}

/**
 * Puts off intents that cannot be built before the chain time the builder named, until the
 * chain can allow them (see retry-timing.ts); fails those whose time the tip never reaches.
 */
async function markDeferred(
  db: Db,
  deferred: NonNullable<BuildOutcome["deferred"]>,
  queuedAt: ReadonlyMap<string, number>,
  nowMs: number,
) {
  for (const d of deferred) {
    const next = deferredRetry(d.untilMs, nowMs, queuedAt.get(d.id));
    const set =
      next.kind === "retry"
        ? { notBeforeMs: next.atMs, lastError: d.reason }
        : { status: "failed" as const, lastError: `${d.reason}; ${next.reason}` };
    await db
      .update(intents)
      .set({ ...set, updatedAtMs: nowMs })
      .where(eq(intents.id, d.id));
  }
}

/** Shows why the batch's remaining intents wait (they stay queued and are tried again). */
async function markWaiting(
  db: Db,
  batch: (typeof intents.$inferSelect)[],
  outcome: BuildOutcome,
  nowMs: number,
) {
  if (!outcome.waiting) return;
  const rejected = new Set(outcome.rejected.map((r) => r.id));
  const waiting = batch.filter((i) => !rejected.has(i.id));
  // Not put off while the node makes the collateral (queueCollateral): the batch goes as soon
  // as that transaction is in a block.
  await putOff(db, waiting, outcome.waiting, nowMs, outcome.waiting !== NO_COLLATERAL);
}

/**
 * Keeps `batch` queued with the reason it was not built. A `counted` attempt also puts the next
 * one off (unbuildableRetryMs): one update per count the batch holds (mostly one).
 */
async function putOff(
  db: Db,
  batch: readonly { id: string; attempts: number }[],
  reason: string,
  nowMs: number,
  counted = true,
) {
  const byAttempts = new Map<number, string[]>();
  for (const i of batch) {
    const ids = byAttempts.get(i.attempts) ?? [];
    ids.push(i.id);
    byAttempts.set(i.attempts, ids);
  }
  for (const [attempts, ids] of byAttempts) {
    const next = counted
      ? { attempts: attempts + 1, notBeforeMs: nowMs + unbuildableRetryMs(attempts + 1) }
      : {};
    await db
      .update(intents)
      .set({ lastError: reason, updatedAtMs: nowMs, ...next })
      .where(inArray(intents.id, ids));
  }
}

async function record(
  deps: SubmitterDeps,
  db: Db,
  kind: string,
  walletId: string,
  outcome: BuildOutcome & { signed?: SignedTx },
  nowMs: number,
): Promise<Recorded> {
  const { cbor, txHash, spentInputs, walletOutputs } = outcome.signed!;
  const row = {
    txHash,
    walletId,
    kind,
    cbor,
    spentInputs,
    walletOutputs: JSON.stringify(walletOutputs),
    status: "signed",
    invalidHereafterSlot: outcome.tx!.invalidHereafterSlot,
    submitAttempts: 0,
    blockHeight: null,
    lastError: null,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  } as const;
  // A rebuild from the same inputs can yield the very bytes of a transaction refused or expired
  // earlier: then that row is the one to follow again.
  await db
    .insert(chainTxs)
    .values(row)
    .onConflictDoUpdate({
      target: chainTxs.txHash,
      set: { status: "signed", lastError: null, submitAttempts: 0, updatedAtMs: nowMs },
    });
  await db
    .update(intents)
    .set({ status: "in_tx", txHash, updatedAtMs: nowMs })
    .where(inArray(intents.id, outcome.tx!.intentIds));
  deps.log(
    `submitter: built ${kind} transaction ${txHash} for ${outcome.tx!.intentIds.length} intent(s)`,
  );
  countTransaction("built", kind);
  batchSize.observe({ kind }, outcome.tx!.intentIds.length);
  return { txHash, status: "signed", updatedAtMs: nowMs };
}
