/**
 * `/api/v1/events` (admin): the usage events the node wrote (issue 12), with each target's
 * receipt, and the replay of one event or a time range to one target.
 */
import { Hono } from "hono";
import { z } from "zod";
import { pageSize, text } from "./fields.ts";
import { isUsageEventType } from "../domain/usage-event.ts";
import {
  eventWithReceipts,
  listEvents,
  replayEvents,
  type ReplayScope,
} from "../services/event-log.ts";
import type { AppContext } from "./app.ts";
import { requirePermission, type AuthEnv } from "./auth.ts";
import { answering } from "./event-targets.ts";
import { ApiError } from "./errors.ts";
import { decodeCursor, encodeCursor } from "./page-cursor.ts";
import { jsonBody, parseOr400, queryParams } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { eventPageAnswer, eventWithReceiptsAnswer, replayAnswer } from "./answers/events.ts";

/** Times in ms as integer text (queries) or numbers (bodies), within what a bigint column holds safely. */
const timeMs = z
  .union([z.string().regex(/^\d{1,16}$/, { error: "must be a time in ms (digits)" }), z.number()])
  .transform(Number)
  .pipe(
    z
      .number({ error: "must be a time in ms" })
      .int({ error: "must be a whole number of ms" })
      .min(0, { error: "must be at least 0" })
      .max(Number.MAX_SAFE_INTEGER, { error: "must be at most 2^53-1" }),
  );
const usageId = text(100).regex(/^ue_[0-9a-f]{48}$/, { error: "must be a usage id (ue_…)" });
const hexId = (max: number) => text(max).regex(/^[0-9a-f]+$/, { error: "must be lowercase hex" });

const listQuery = z
  .object({
    from: timeMs.optional(),
    to: timeMs.optional(),
    type: text(60)
      .refine(isUsageEventType, { error: "must be a usage event type (see the README)" })
      .optional(),
    agentIdentifier: hexId(250).optional(),
    blockchainIdentifier: text(4_000).optional(),
    limit: pageSize(100, 50),
    cursor: text(400).optional(),
  })
  .strict();
const replayBody = z
  .object({
    targetId: z.uuid({ error: "must be a target id" }),
    usageId: usageId.optional(),
    from: timeMs.optional(),
    to: timeMs.optional(),
  })
  .strict();
const idParam = z.object({ usageId });

function replayScope(b: z.output<typeof replayBody>): ReplayScope {
  if (b.usageId !== undefined) {
    if (b.from !== undefined || b.to !== undefined)
      throw new ApiError(400, "usageId: give either usageId or from and to, not both", "usageId");
    return { usageId: b.usageId };
  }
  if (b.from === undefined) throw new ApiError(400, "from: required without usageId", "from");
  if (b.to === undefined) throw new ApiError(400, "to: required without usageId", "to");
  if (b.to < b.from) throw new ApiError(400, "to: must not be before from", "to");
  return { fromMs: b.from, toMs: b.to };
}

export function eventRoutes(ready: () => AppContext, nowMs: () => number): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const admin = requirePermission("admin", ready);

  r.get(
    "/events",
    documented({
      summary: "List the usage events the node wrote, oldest first",
      description:
        "`from` and `to` bound the time the node wrote them (POSIX ms, inclusive). Pages " +
        "stay valid while new events arrive: pass `nextCursor` as `cursor`.",
      tag: "Events",
      access: "admin",
      query: listQuery,
      answer: eventPageAnswer,
    }),
    admin,
    async (c) => {
      const q = queryParams(c, listQuery);
      if (q.from !== undefined && q.to !== undefined && q.to < q.from)
        throw new ApiError(400, "to: must not be before from", "to");
      const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
      const page = await listEvents(
        ready().db,
        {
          fromMs: q.from,
          toMs: q.to,
          type: q.type,
          agentIdentifier: q.agentIdentifier,
          blockchainIdentifier: q.blockchainIdentifier,
        },
        q.limit,
        after && { createdAtMs: after.createdAtMs, id: after.key },
      );
      return c.json({
        status: "success",
        data: {
          events: page.events,
          nextCursor:
            page.next && encodeCursor({ createdAtMs: page.next.createdAtMs, key: page.next.id }),
        },
      });
    },
  );

  r.post(
    "/events/replay",
    documented({
      summary: "Send one event, or the events of a time range, to a target again",
      description:
        "Give `usageId`, or `from` and `to` (POSIX ms, inclusive; at most 10,000 events, " +
        "else 409). The events are sent whatever their receipts said and whatever the " +
        "target's event types; without credentials they wait (`deferred`).",
      tag: "Events",
      access: "admin",
      body: replayBody,
      answer: replayAnswer,
      errors: [404, 409],
    }),
    admin,
    async (c) => {
      const body = await jsonBody(c, replayBody);
      const scope = replayScope(body);
      const replayed = await answering(() =>
        replayEvents(ready().db, body.targetId, scope, nowMs()),
      );
      return c.json({ status: "success", data: { replayed } });
    },
  );

  r.get(
    "/events/:usageId",
    documented({
      summary: "One usage event with each target's delivery receipt",
      tag: "Events",
      access: "admin",
      answer: eventWithReceiptsAnswer,
      errors: [404],
    }),
    admin,
    async (c) => {
      const { usageId: id } = parseOr400(idParam, c.req.param(), "usageId");
      const found = await answering(() => eventWithReceipts(ready().db, id));
      return c.json({ status: "success", data: { ...found.event, receipts: found.receipts } });
    },
  );

  return r;
}
