/**
 * Which process runs the singleton work (the escrow watcher, the scheduler's sweeps, the
 * registry's indexer and sync) when several share one PostgreSQL: the one holding a session
 * advisory lock on a connection of its own. PostgreSQL releases the lock when that session ends,
 * so when the leader dies (its socket closes) the next follower to poll takes over, and carries
 * on from the checkpoints in the database. On PGlite there is one process: it always leads.
 *
 * A leader that cannot show it still holds the lock (its connection was replaced, or it did not
 * answer within a few seconds) steps down at once; singleton ticks ask `leading` before they start, so an
 * old leader does at most the tick in progress after it lost the lock.
 */
import postgres from "postgres";
import { describeError, type Log } from "../log.ts";

/** The advisory lock's key: an arbitrary constant that names "the node's leader". */
export const LEADER_LOCK_KEY = 7_263_110_417;

export interface Leadership {
  /** Whether this process leads right now. */
  readonly leading: boolean;
  /** How many times this process became the leader. */
  readonly terms: number;
  /** Releases the lock (by ending its session) and stops polling. */
  close(): Promise<void>;
}

export interface LeadershipOptions {
  /** PostgreSQL's URL; undefined for PGlite, where this process always leads. */
  databaseUrl: string | undefined;
  /** How often a follower tries for the lock and the leader checks it holds it. */
  pollMs?: number;
  log: Log;
  /** Told when this process becomes the leader or stops being it. */
  onChange?: (leading: boolean) => void;
}

const POLL_MS_DEFAULT = 2_000;
/**
 * How long a poll may take before the leader counts its lock as lost. Longer than the poll, so
 * that a busy machine does not make leadership change hands for nothing.
 */
const ANSWER_MS_MIN = 5_000;

/** Starts trying for the lock; resolves after the first try, so a lone process leads at once. */
export async function startLeadership(opts: LeadershipOptions): Promise<Leadership> {
  if (!opts.databaseUrl) {
    opts.onChange?.(true);
    return { leading: true, terms: 1, close: async () => {} };
  }
  const pollMs = opts.pollMs ?? POLL_MS_DEFAULT;
  const answerMs = Math.max(ANSWER_MS_MIN, pollMs);
  // One connection that is never shared with a pool: the lock belongs to its session. A
  // statement that does not answer within the poll interval counts as lost leadership.
  const url = opts.databaseUrl;
  const connect = () =>
    postgres(url, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: null,
      onnotice: () => {},
      connection: { application_name: "escrowd-leader", statement_timeout: answerMs },
    });
  let sql = connect();
  let leading = false;
  let terms = 0;
  let heldBy: number | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const set = (now: boolean, why: string) => {
    if (now === leading) return;
    leading = now;
    if (now) terms++;
    opts.log(`leadership: ${now ? "this process leads" : `stepped down (${why})`}`);
    opts.onChange?.(now);
  };

  async function poll(): Promise<void> {
    // The answer means what the question asked, whatever `leading` is when it comes back: a
    // leader closed while its poll was out read its own "true as got" as a follower's lock
    // taken, and led again, told onChange so, with its session and the lock gone.
    const asLeader = leading;
    try {
      // The leader only asks which session it is on; a follower also tries for the lock.
      const answer = await withTimeout<{ pid: number; got: boolean }[]>(
        asLeader
          ? sql`select pg_backend_pid() as pid, true as got`
          : sql`select pg_backend_pid() as pid, pg_try_advisory_lock(${LEADER_LOCK_KEY}) as got`,
        answerMs,
      );
      // A closed process leads no more, whatever came back.
      if (closed) return;
      const row = answer[0]!;
      if (asLeader) {
        // Another session than the one that took the lock: the lock went with the old one.
        if (row.pid !== heldBy) set(false, "its connection to PostgreSQL was replaced");
      } else if (row.got) {
        heldBy = row.pid;
        set(true, "");
      }
    } catch (err) {
      if (closed) return;
      set(false, `PostgreSQL did not answer: ${describeError(err)}`);
      heldBy = undefined;
      // The session may still hold the lock: end it so that another process can lead, and
      // try again on a new one.
      const old = sql;
      sql = connect();
      await old.end({ timeout: 1 }).catch(() => {});
    }
  }

  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => void poll().finally(schedule), pollMs);
  };
  await poll();
  schedule();
  return {
    get leading() {
      return leading;
    },
    get terms() {
      return terms;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      set(false, "the process is stopping");
      await sql.end({ timeout: 5 });
    },
  };
}

function withTimeout<T>(p: PromiseLike<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    Promise.resolve(p).finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}
