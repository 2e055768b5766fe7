/**
 * A wallet's build lease: one submitter at a time builds for a wallet (two would spend the same
 * outputs), across processes sharing the database, without holding a database transaction while
 * it builds. A build takes a second or more (chain reads, script evaluation, a batch of dozens of
 * escrows on the build thread); a transaction held that long kept a pooled connection from the
 * API on PostgreSQL, and on PGlite, whose one connection serves one transaction at a time, it
 * held up every request. The lease lives in the wallet's row: a token of the holder's, a time by
 * the database's clock (processes' clocks may differ; the devnet's chain time jumps), and the
 * database session it was taken from. The holder renews it while it builds. Another may take it
 * once it has run out, or at once when that session is gone (the holder's process died: as an
 * advisory lock went with its connection); a holder whose lease was taken over finds so when it
 * records, and records nothing.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { wallets } from "../db/schema.ts";

/**
 * How long a lease holds without renewal. A takeover is safe at any time (the holder then
 * records nothing and its batch is built again), so this only bounds what a holder that lost
 * its database session but lives on costs its wallet.
 */
const BUILD_LEASE_MS = 30_000;
/** How often a holder renews its lease while it builds. */
const RENEW_EVERY_MS = 10_000;

/** The database's clock in POSIX milliseconds (clock_timestamp: not the transaction's start). */
const dbNowMs = sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

export interface BuildLease {
  /**
   * True if the lease is still this holder's (ran out or not: no one took it over), taking the
   * wallet's row for the rest of transaction `db` so that no one can until it ends.
   */
  holdsIn(db: Db): Promise<boolean>;
  /** Lets go (a no-op once taken over); stops the renewals. */
  release(): Promise<void>;
}

/** Takes `walletId`'s build lease if no one holds it (or its holder's ran out); undefined if not. */
export async function takeBuildLease(
  db: Db,
  walletId: string,
  log: (line: string) => void,
): Promise<BuildLease | undefined> {
  const token = randomUUID();
  const until = sql`${dbNowMs} + ${BUILD_LEASE_MS}`;
  const taken = await db
    .update(wallets)
    .set({ buildLease: token, buildLeaseUntilMs: until, buildLeasePid: sql`pg_backend_pid()` })
    .where(
      and(
        eq(wallets.id, walletId),
        sql`(${wallets.buildLease} is null or ${wallets.buildLeaseUntilMs} < ${dbNowMs}
          or not exists (select 1 from pg_stat_activity where pid = ${wallets.buildLeasePid}))`,
      ),
    )
    .returning({ id: wallets.id });
  if (taken.length === 0) return undefined;
  const mine = and(eq(wallets.id, walletId), eq(wallets.buildLease, token));
  const renewal = setInterval(() => {
    db.update(wallets)
      .set({ buildLeaseUntilMs: until })
      .where(mine)
      .catch((err: unknown) => log(`submitter: renewing the build lease failed: ${String(err)}`));
  }, RENEW_EVERY_MS);
  renewal.unref();
  return {
    async holdsIn(tx) {
      // For no key update: it keeps a takeover (an update of the row) out as well, and lets
      // inserts that name the wallet (purchases, intents: their foreign keys take the row for
      // key share) go on. For update made every purchase paying from the wallet wait until the
      // holder had recorded its batch.
      const rows = await tx
        .select({ id: wallets.id })
        .from(wallets)
        .where(mine)
        .for("no key update");
      return rows.length > 0;
    },
    async release() {
      clearInterval(renewal);
      await db
        .update(wallets)
        .set({ buildLease: null, buildLeaseUntilMs: null, buildLeasePid: null })
        .where(mine);
    },
  };
}
