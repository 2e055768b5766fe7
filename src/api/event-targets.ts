/**
 * `/api/v1/event-targets` (admin): where the node sends usage events (issue 12). A target's
 * config is checked per kind (delivery/target-config.ts) and its secret sealed; no answer ever
 * carries a secret, except a webhook secret the node generated, answered once at creation.
 */
import { Hono } from "hono";
import { z } from "zod";
import { text } from "./fields.ts";
import { isUsageEventType } from "../domain/usage-event.ts";
import {
  newWebhookSecret,
  parseTargetConfig,
  parseTargetSecret,
} from "../delivery/target-config.ts";
import type { TargetKind } from "../delivery/types.ts";
import { refusedLiteralHost } from "../delivery/address-guard.ts";
import {
  createTarget,
  deleteTarget,
  EventTargetError,
  getTarget,
  listTargets,
  ROTATION_OVERLAP_MS_MAX,
  targetView,
  updateTarget,
} from "../services/event-targets.ts";
import type { AppContext } from "./app.ts";
import { requirePermission, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { SECRET_FIELDS } from "./idempotency.ts";
import { jsonBody, parseOr400 } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import {
  createdEventTargetAnswer,
  deletedEventTargetAnswer,
  eventTargetAnswer,
  eventTargetListAnswer,
} from "./answers/events.ts";

const EVENT_TYPES_MAX = 100;

const name = text(100)
  .min(1, { error: "must not be empty" })
  .refine((s) => ![...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f), {
    error: "must not hold control characters",
  });
const eventTypes = z
  .array(
    text(60).refine((t) => t === "*" || isUsageEventType(t), {
      error: "must be * or a usage event type (see the README)",
    }),
    { error: "must be a list" },
  )
  .min(1, { error: "must name at least one type (* for all)" })
  .max(EVENT_TYPES_MAX, { error: `must have at most ${EVENT_TYPES_MAX} entries` })
  .transform((list) => (list.includes("*") ? ["*"] : [...new Set(list)]));
const createBody = z
  .object({
    name,
    kind: z.enum(["webhook", "stripe", "aws"], { error: "must be webhook, stripe or aws" }),
    config: z.unknown(),
    eventTypes: eventTypes.optional(),
    secret: z.unknown().optional(),
    enabled: z.boolean({ error: "must be true or false" }).optional(),
  })
  .strict();
const patchBody = z
  .object({
    name: name.optional(),
    config: z.unknown().optional(),
    eventTypes: eventTypes.optional(),
    secret: z.unknown().optional(),
    previousSecretValidForMs: z
      .number({ error: "must be a number" })
      .int({ error: "must be a whole number" })
      .min(0, { error: "must be at least 0" })
      .max(ROTATION_OVERLAP_MS_MAX, { error: `must be at most ${ROTATION_OVERLAP_MS_MAX}` })
      .optional(),
    enabled: z.boolean({ error: "must be true or false" }).optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    error: "must change at least one field",
  });
const idParam = z.object({ id: z.uuid({ error: "must be a target id" }) });

const STATUS = { notFound: 404, conflict: 409 } as const;

/** Runs a service call of the event routes, answering its refusals as 404 or 409. */
export async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof EventTargetError)
      throw new ApiError(STATUS[err.kind], err.message, err.field);
    throw err;
  }
}

/**
 * The config, checked for its kind, or a 400 naming the field. A URL naming a refused address
 * outright is refused here; names are checked when each delivery connects.
 */
function configOf(kind: TargetKind, raw: unknown, allowPrivate: boolean) {
  const parsed = parseTargetConfig(kind, raw);
  if (!parsed.ok) throw new ApiError(400, `${parsed.field}: ${parsed.message}`, parsed.field);
  const c = parsed.value as { url?: string; apiBase?: string; endpoint?: string };
  for (const key of ["url", "apiBase", "endpoint"] as const) {
    const url = c[key];
    const refused =
      url === undefined ? null : refusedLiteralHost(new URL(url).hostname, allowPrivate);
    if (refused) throw new ApiError(400, `config.${key}: ${refused}`, `config.${key}`);
  }
  return parsed.value;
}

function secretOf(kind: TargetKind, raw: unknown): string {
  const parsed = parseTargetSecret(kind, raw);
  if (!parsed.ok) throw new ApiError(400, `${parsed.field}: ${parsed.message}`, parsed.field);
  return parsed.value;
}

export function eventTargetRoutes(ready: () => AppContext, nowMs: () => number): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const admin = requirePermission("admin", ready);
  const sealing = () => ({ encryptionKeyHex: ready().encryptionKeyHex, nowMs: nowMs() });

  r.post(
    "/event-targets",
    documented({
      summary: "Add an event target: a webhook, Stripe meter or AWS Marketplace metering",
      description:
        "`config` is checked for the kind; `secret` (the webhook's `whsec_…` signing secret, " +
        "Stripe's API key, or AWS's credentials) is sealed and never answered. A webhook " +
        "created without a secret gets one generated, answered once in `secret`. " +
        '`eventTypes` defaults to `["*"]`, every type.',
      tag: "Events",
      access: "admin",
      body: createBody,
      answer: createdEventTargetAnswer,
      errors: [409],
    }),
    admin,
    async (c) => {
      const body = await jsonBody(c, createBody);
      const config = configOf(body.kind, body.config, ready().allowPrivateTargets === true);
      const given = body.secret === undefined ? undefined : secretOf(body.kind, body.secret);
      // A webhook needs a signing secret to be of use; one is made when none is given.
      const generated =
        given === undefined && body.kind === "webhook" ? newWebhookSecret() : undefined;
      const row = await answering(() =>
        createTarget(
          ready().db,
          {
            name: body.name,
            kind: body.kind,
            config,
            eventTypes: body.eventTypes ?? ["*"],
            secret: given ?? generated ?? null,
            enabled: body.enabled ?? true,
          },
          sealing(),
        ),
      );
      const view = targetView(row);
      // Answered once: a replay of this request (Idempotency-Key) does not carry it again.
      if (generated !== undefined) c.set(SECRET_FIELDS, ["data.secret"]);
      return c.json({
        status: "success",
        data: generated === undefined ? view : { ...view, secret: generated },
      });
    },
  );

  r.get(
    "/event-targets",
    documented({
      summary: "List the event targets, oldest first (never their secrets)",
      tag: "Events",
      access: "admin",
      answer: eventTargetListAnswer,
    }),
    admin,
    async (c) => {
      const rows = await listTargets(ready().db);
      return c.json({ status: "success", data: { targets: rows.map(targetView) } });
    },
  );

  r.get(
    "/event-targets/:id",
    documented({
      summary: "One event target (never its secret)",
      tag: "Events",
      access: "admin",
      answer: eventTargetAnswer,
      errors: [404],
    }),
    admin,
    async (c) => {
      const { id } = parseOr400(idParam, c.req.param(), "id");
      const row = await answering(() => getTarget(ready().db, id));
      return c.json({ status: "success", data: targetView(row) });
    },
  );

  r.patch(
    "/event-targets/:id",
    documented({
      summary: "Change an event target, or rotate its secret",
      description:
        "A new `secret` keeps the previous one signing beside it for " +
        "`previousSecretValidForMs` (webhooks), and makes deliveries that waited for " +
        "credentials due now. New `eventTypes` count for events written from now on; " +
        "`POST /events/replay` sends older ones.",
      tag: "Events",
      access: "admin",
      body: patchBody,
      answer: eventTargetAnswer,
      errors: [404, 409],
    }),
    admin,
    async (c) => {
      const { id } = parseOr400(idParam, c.req.param(), "id");
      const body = await jsonBody(c, patchBody);
      const row = await answering(async () => {
        const before = await getTarget(ready().db, id);
        return updateTarget(
          ready().db,
          id,
          {
            name: body.name,
            config:
              body.config === undefined
                ? undefined
                : configOf(before.kind, body.config, ready().allowPrivateTargets === true),
            eventTypes: body.eventTypes,
            secret: body.secret === undefined ? undefined : secretOf(before.kind, body.secret),
            previousSecretValidForMs: body.previousSecretValidForMs,
            enabled: body.enabled,
          },
          sealing(),
        );
      });
      return c.json({ status: "success", data: targetView(row) });
    },
  );

  r.delete(
    "/event-targets/:id",
    documented({
      summary: "Remove an event target and its delivery receipts (the events stay)",
      tag: "Events",
      access: "admin",
      answer: deletedEventTargetAnswer,
      errors: [404],
    }),
    admin,
    async (c) => {
      const { id } = parseOr400(idParam, c.req.param(), "id");
      await answering(() => deleteTarget(ready().db, id));
      return c.json({ status: "success", data: { id, deleted: true } });
    },
  );

  return r;
}
