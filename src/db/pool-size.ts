/**
 * Connections to PostgreSQL per process unless DATABASE_POOL_MAX says otherwise. Four, not the
 * ten of before: with ten, most statements found a connection idle and went out alone, one
 * socket write each (postgres.js's writes were the main thread's largest cost on a 2-core VM,
 * 12% of it at 50 purchases a second), and each connection prepared each statement once more.
 * With four, statements issued together can share a connection and a write. At 50 purchases a
 * second, production shape, in three interleaved pairs: p99 of POST /payment 98 against 132 ms
 * and of POST /purchase 286 against 329 (medians), the p50s lower in every pair. A transaction
 * never waits on a statement outside itself (on PGlite, one session, it would never end), so a
 * small pool cannot deadlock; it only bounds how many transactions run at once, and a request
 * with an Idempotency-Key holds one through its handling (src/api/idempotency.ts).
 */
export const POOL_MAX_DEFAULT = 4;
