/**
 * `Idempotency-Key` for every POST, PATCH and DELETE of an authenticated caller: the first
 * answer to a key is stored (per caller: the API key's id, or `admin`), a retry with the same
 * body gets it back unchanged, and the same key with a different body is a 409 that names the
 * first differing field. The handler's database work and the stored answer commit in one
 * transaction (db/request-tx.ts), so a process killed in between leaves neither, and the retry
 * does the work once. Server errors (5xx) and refusals (401, 402, 403, 429) roll the work back
 * and are not stored, so a retry runs again. Nothing is stored for a request without a
 * principal: `identify` (auth.ts) runs first and refuses unknown and revoked keys before any
 * stored answer is looked up. Stored answers expire after a TTL (24 h by default): an expired
 * one is neither replayed nor kept, and each stored request deletes a bounded batch of them.
 */
import { createHash } from "node:crypto";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Db } from "../db/client.ts";
import { idempotencyKeys } from "../db/schema.ts";
import { withRequestDb } from "../db/request-tx.ts";
import { principalOf } from "./auth.ts";
import { ApiError } from "./errors.ts";

const KEY_LENGTH_MAX = 255;
/** A first request still unanswered after this long is taken to have died with its process. */
export const IN_PROGRESS_STALE_MS = 60_000;
/** How long an answer is kept and replayed, unless configured (IDEMPOTENCY_TTL_MS). */
export const IDEMPOTENCY_TTL_MS_DEFAULT = 86_400_000;
/** How many expired answers one request deletes at most. */
export const SWEEP_ROWS_MAX = 200;
/** Answers that are refusals or failures: the work did not happen, so a retry should run. */
const NOT_STORED = new Set([401, 402, 403, 429]);

/**
 * Context key under which a handler lists the fields of its answer that hold a secret shown
 * once (an API key's token): they are left out of the stored answer, so a replay lacks them.
 */
export const SECRET_FIELDS = "idempotencySecretFields";

declare module "hono" {
  interface ContextVariableMap {
    [SECRET_FIELDS]: string[];
  }
}

function withoutSecrets(body: string, paths: string[]): string {
  if (paths.length === 0) return body;
  const parsed = JSON.parse(body) as Record<string, unknown>;
  for (const p of paths) {
    const parts = p.split(".");
    let node: unknown = parsed;
    for (const part of parts.slice(0, -1))
      node = (node as Record<string, unknown> | undefined)?.[part];
    if (node && typeof node === "object") delete (node as Record<string, unknown>)[parts.at(-1)!];
  }
  return JSON.stringify(parsed);
}

/**
 * Request fields that carry a credential (an event target's `secret`): stored as their SHA-256,
 * never as sent, yet a retry with another value is still told apart from one with the same.
 */
const SECRET_REQUEST_FIELDS = ["secret"];

/** The request body as it is stored and compared: its secret fields hashed. */
export function storableRequestBody(body: string): string {
  // Most bodies have no such field: no second parse of them on every idempotent request. A
  // body with an escape is parsed anyway (a key may be spelt with one).
  const mayHold = body.includes("\\") || SECRET_REQUEST_FIELDS.some((f) => body.includes(`"${f}"`));
  if (!mayHold) return body;
  const parsed = parseOrText(body);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return body;
  const fields = parsed as Record<string, unknown>;
  if (!SECRET_REQUEST_FIELDS.some((f) => f in fields)) return body;
  for (const f of SECRET_REQUEST_FIELDS)
    if (f in fields)
      fields[f] = `sha256:${createHash("sha256").update(JSON.stringify(fields[f])).digest("hex")}`;
  return JSON.stringify(fields);
}

/** The first path at which two JSON values differ, or undefined when they are equal. */
export function firstDifference(a: unknown, b: unknown, path = ""): string | undefined {
  if (Object.is(a, b)) return undefined;
  const bothObjects = typeof a === "object" && typeof b === "object" && a !== null && b !== null;
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) return path || "body";
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys) {
    const sub = Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    const diff = firstDifference(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      sub,
    );
    if (diff) return diff;
  }
  return undefined;
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function idempotency(
  db: () => Db,
  nowMs: () => number,
  ttlMs: number = IDEMPOTENCY_TTL_MS_DEFAULT,
) {
  return createMiddleware(async function idempotent(c, next) {
    const key = c.req.header("idempotency-key");
    if (!key || c.req.method === "GET" || c.req.method === "HEAD") return next();
    if (key.length > KEY_LENGTH_MAX)
      throw new ApiError(
        400,
        `Idempotency-Key: at most ${KEY_LENGTH_MAX} characters`,
        "Idempotency-Key",
      );
    // An anonymous request is refused by its route (public routes are GETs): store nothing.
    const principal = principalOf(c);
    if (!principal) return next();
    const scope = { principalId: principal.apiKeyId, key };
    const route = `${c.req.method} ${c.req.path}`;
    const body = storableRequestBody(await c.req.text());

    const stored = await claim(
      db(),
      { ...scope, route, requestBody: body, createdAtMs: nowMs() },
      nowMs,
      ttlMs,
    );
    if (stored) {
      if (stored.route !== route)
        throw new ApiError(
          409,
          `Idempotency-Key was first used for ${stored.route}`,
          "Idempotency-Key",
        );
      const diff = firstDifference(parseOrText(stored.requestBody), parseOrText(body));
      if (diff !== undefined)
        throw new ApiError(
          409,
          `Idempotency-Key reused with a different body: ${diff} differs`,
          diff,
        );
      if (stored.status === null)
        throw new ApiError(
          409,
          "a request with this Idempotency-Key is still being handled",
          "Idempotency-Key",
        );
      c.header("Idempotent-Replayed", "true");
      return c.body(stored.responseBody ?? "", stored.status as ContentfulStatusCode, {
        "content-type": "application/json",
      });
    }

    const where = and(
      eq(idempotencyKeys.principalId, scope.principalId),
      eq(idempotencyKeys.key, key),
    );
    const root = db();
    try {
      await root.transaction(async (txDb) => {
        const tx = txDb as unknown as Db;
        await withRequestDb(tx, () => next());
        if (c.res.status >= 500 || NOT_STORED.has(c.res.status)) throw new RolledBack();
        const answer = withoutSecrets(await c.res.clone().text(), c.get(SECRET_FIELDS) ?? []);
        await tx
          .update(idempotencyKeys)
          .set({ status: c.res.status, responseBody: answer })
          .where(where);
      });
    } catch (err) {
      if (!(err instanceof RolledBack)) throw err;
      await root.delete(idempotencyKeys).where(where);
    }
    // After the answer, so the claim is not delayed. Should it fail, the answer is stored
    // already and a retry with the same key gets it back.
    await sweepExpired(root, nowMs() - ttlMs);
  });
}

/** Deletes up to SWEEP_ROWS_MAX answers created before `beforeMs`. */
async function sweepExpired(db: Db, beforeMs: number): Promise<void> {
  const expired = db
    .select({ principalId: idempotencyKeys.principalId, key: idempotencyKeys.key })
    .from(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAtMs, beforeMs))
    .limit(SWEEP_ROWS_MAX);
  await db
    .delete(idempotencyKeys)
    .where(sql`(${idempotencyKeys.principalId}, ${idempotencyKeys.key}) in (${expired})`);
}

/** Thrown to roll back a request whose answer is a server error or a refusal. */
class RolledBack extends Error {}

type Row = typeof idempotencyKeys.$inferSelect;

/**
 * Takes the key for this request, or returns the earlier request's row. An expired row (older
 * than `ttlMs`) is deleted and the key taken afresh; an abandoned claim (no answer after
 * IN_PROGRESS_STALE_MS) for the same route and body is taken over.
 */
async function claim(
  db: Db,
  row: Omit<Row, "status" | "responseBody">,
  nowMs: () => number,
  ttlMs: number,
): Promise<Row | undefined> {
  const where = and(
    eq(idempotencyKeys.principalId, row.principalId),
    eq(idempotencyKeys.key, row.key),
  );
  // Three rounds: the earlier row may be deleted (after a 5xx, or expired) between our insert
  // and our read.
  for (let round = 0; round < 3; round++) {
    const inserted = await db.insert(idempotencyKeys).values(row).onConflictDoNothing().returning();
    if (inserted.length > 0) return undefined;
    const [existing] = await db.select().from(idempotencyKeys).where(where);
    if (!existing) continue;
    if (nowMs() - existing.createdAtMs >= ttlMs) {
      await db
        .delete(idempotencyKeys)
        .where(and(where, eq(idempotencyKeys.createdAtMs, existing.createdAtMs)));
      continue;
    }
    const sameRequest =
      existing.route === row.route &&
      firstDifference(parseOrText(existing.requestBody), parseOrText(row.requestBody)) ===
        undefined;
    const abandoned =
      existing.status === null && nowMs() - existing.createdAtMs > IN_PROGRESS_STALE_MS;
    if (!sameRequest || !abandoned) return existing;
    // Compare-and-set on the claim's time, so only one retry takes an abandoned claim over.
    const taken = await db
      .update(idempotencyKeys)
      .set({ createdAtMs: row.createdAtMs })
      .where(
        and(
          where,
          isNull(idempotencyKeys.status),
          eq(idempotencyKeys.createdAtMs, existing.createdAtMs),
        ),
      )
      .returning();
    return taken.length > 0 ? undefined : existing;
  }
  throw new ApiError(
    409,
    "a request with this Idempotency-Key is still being handled",
    "Idempotency-Key",
  );
}
