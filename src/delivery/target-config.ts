/**
 * What an event target is configured with, per kind, and its credentials: checked here before
 * anything is stored, with errors that name the field (`config.url`, `secret`, …). The parts
 * that are not secret (URLs, Stripe's event name and customers, AWS's product code) are kept as
 * JSON; the secret is sealed by services/event-targets.ts.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { USAGE_EVENT_TYPES } from "../domain/usage-event.ts";
import {
  AWS_RECORDS_PER_CALL_MAX,
  type Deliverer,
  STRIPE_EVENTS_PER_CALL_MAX,
  type TargetKind,
} from "./types.ts";
import { webhookDeliverer } from "./webhook.ts";

/** Which number of an event a billing target is told. */
export type ValueSource =
  | { source: "count" }
  | { source: "amount"; unit: string }
  | { source: "voucher"; unit: string }
  | { source: "usage"; key: string };
export interface WebhookConfig {
  url: string;
}
export type CustomerKey = "buyerVkey" | "sellerVkey" | "agentIdentifier";
export interface StripeConfig {
  eventName: string;
  customerBy: CustomerKey;
  customers: Record<string, string>;
  value: ValueSource;
  apiBase?: string;
}
export interface AwsConfig {
  productCode: string;
  region: string;
  customerBy: CustomerKey;
  customers: Record<string, string>;
  /** Event type → the product's dimension; an event type not named is skipped. */
  dimensions: Partial<Record<string, string>>;
  value: ValueSource;
  endpoint?: string;
}
export type TargetConfig = WebhookConfig | StripeConfig | AwsConfig;
export type Parsed<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

const CUSTOMERS_MAX = 1_000;
const URL_LENGTH_MAX = 2_048;
const printable = (max: number) =>
  z
    .string({ error: "must be text" })
    .min(1, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters` })
    .regex(/^[\x20-\x7e]+$/, { error: "must be printable ASCII" });

/** An http(s) URL without credentials in it (they would be logged and shown). */
const httpUrl = printable(URL_LENGTH_MAX).superRefine((s, ctx) => {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    ctx.addIssue({ code: "custom", message: "must be an http(s) URL" });
    return;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    ctx.addIssue({ code: "custom", message: "must be an http(s) URL" });
  else if (u.username !== "" || u.password !== "")
    ctx.addIssue({ code: "custom", message: "must not carry a user or password" });
  else if (u.hostname === "") ctx.addIssue({ code: "custom", message: "must name a host" });
});

const hex = (min: number, max: number) =>
  z.string({ error: "must be text" }).regex(new RegExp(`^(?:[0-9a-f]{2}){${min},${max}}$`), {
    error: "must be lowercase hex",
  });
const valueSource = z.discriminatedUnion(
  "source",
  [
    z.object({ source: z.literal("count") }).strict(),
    z
      .object({ source: z.literal("amount"), unit: z.union([z.literal("lovelace"), hex(28, 60)]) })
      .strict(),
    z
      .object({ source: z.literal("voucher"), unit: z.union([z.literal("lovelace"), hex(28, 60)]) })
      .strict(),
    z
      .object({
        source: z.literal("usage"),
        key: z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, { error: "must be a usage counter's name" }),
      })
      .strict(),
  ],
  { error: "must be count, amount, voucher or usage" },
);
const customerBy = z.enum(["buyerVkey", "sellerVkey", "agentIdentifier"], {
  error: "must be buyerVkey, sellerVkey or agentIdentifier",
});
const customers = (id: z.ZodString) =>
  z
    .record(hex(28, 92), id, { error: "must map keys (hex) to customer ids" })
    .refine((m) => Object.keys(m).length <= CUSTOMERS_MAX, {
      error: `must have at most ${CUSTOMERS_MAX} entries`,
    });

const webhookSchema = z.object({ url: httpUrl }).strict();
const stripeSchema = z
  .object({
    eventName: printable(100),
    customerBy,
    customers: customers(
      z
        .string()
        .regex(/^cus_[A-Za-z0-9]{1,200}$/, { error: "must be a Stripe customer id (cus_…)" }),
    ),
    value: valueSource,
    apiBase: httpUrl.optional(),
  })
  .strict();
const eventTypeKeys = z
  .partialRecord(
    z.enum(USAGE_EVENT_TYPES, { error: "must be a usage event type" }),
    z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, { error: "must be an AWS dimension name" }),
    { error: "must map event types to dimension names" },
  )
  .refine((m) => Object.keys(m).length > 0, { error: "must name at least one dimension" });
const awsSchema = z
  .object({
    productCode: z.string().regex(/^[A-Za-z0-9]{1,255}$/, { error: "must be an AWS product code" }),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, { error: "must be an AWS region" }),
    customerBy,
    customers: customers(
      z
        .string()
        .regex(/^[A-Za-z0-9/+=_.-]{1,255}$/, { error: "must be an AWS customer identifier" }),
    ),
    dimensions: eventTypeKeys,
    value: valueSource,
    endpoint: httpUrl.optional(),
  })
  .strict();

const SCHEMAS = { webhook: webhookSchema, stripe: stripeSchema, aws: awsSchema } as const;
/** The configs per kind, as stored and answered (the API description reads them). */
export const TARGET_CONFIG_SCHEMAS = SCHEMAS;

function fieldOf(root: string, path: readonly PropertyKey[]): string {
  return [root, ...path.map(String)].join(".");
}

function parsedWith<T>(schema: z.ZodType<T>, raw: unknown, root: string): Parsed<T> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0]!;
  // An unknown key is named itself, not its object.
  if (issue.code === "unrecognized_keys")
    return {
      ok: false,
      field: fieldOf(root, [...issue.path, issue.keys[0]!]),
      message: "is not a known field",
    };
  return { ok: false, field: fieldOf(root, issue.path), message: issue.message };
}

export function parseTargetConfig(kind: TargetKind, raw: unknown): Parsed<TargetConfig> {
  return parsedWith<TargetConfig>(SCHEMAS[kind] as z.ZodType<TargetConfig>, raw, "config");
}

/** Standard Webhooks secrets: `whsec_` and the key in base64 (24 to 64 bytes). */
const webhookSecret = z
  .string({ error: "must be text" })
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, { error: "must be whsec_ followed by base64" })
  .refine(
    (s) => {
      const n = Buffer.from(s.slice(6), "base64").length;
      return n >= 24 && n <= 64;
    },
    { error: "must hold a key of 24 to 64 bytes" },
  );
const stripeSecret = z
  .string({ error: "must be text" })
  .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]{10,200}$/, {
    error: "must be a Stripe secret or restricted key (sk_… or rk_…)",
  });
const awsSecret = z
  .object({
    accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, { error: "must be an AWS access key id" }),
    secretAccessKey: z
      .string()
      .regex(/^[A-Za-z0-9/+=]{16,128}$/, { error: "must be an AWS secret access key" }),
    sessionToken: z
      .string()
      .regex(/^[A-Za-z0-9/+=]{16,4096}$/, { error: "must be an AWS session token" })
      .optional(),
  })
  .strict();

/** The secret as it is sealed: a string (AWS's credentials as their JSON). */
export function parseTargetSecret(kind: TargetKind, raw: unknown): Parsed<string> {
  if (kind === "webhook") return parsedWith(webhookSecret, raw, "secret");
  if (kind === "stripe") return parsedWith(stripeSecret, raw, "secret");
  const aws = parsedWith(awsSecret, raw, "secret");
  return aws.ok ? { ok: true, value: JSON.stringify(aws.value) } : aws;
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export interface DelivererOptions {
  /** Webhooks to loopback, private and link-local addresses (tests, the devnet). */
  allowPrivateTargets: boolean;
  /** The host's addresses (tests); DNS by default. */
  resolve?: (host: string) => Promise<string[]>;
}

export function delivererFor(
  kind: TargetKind,
  config: TargetConfig,
  opts: DelivererOptions,
): Deliverer {
  if (kind === "webhook") return webhookDeliverer(config as WebhookConfig, opts);
  if (kind === "stripe") {
    return loadedOnUse(STRIPE_EVENTS_PER_CALL_MAX, async () =>
      (await import("./stripe.ts")).stripeDeliverer(config as StripeConfig, opts),
    );
  }
  return loadedOnUse(AWS_RECORDS_PER_CALL_MAX, async () =>
    (await import("./aws-metering.ts")).awsMeteringDeliverer(config as AwsConfig, opts),
  );
}

/**
 * A deliverer whose module, with its vendor's SDK, is loaded at its first delivery: a node that
 * sends no events to Stripe or AWS never loads those SDKs (about 17 MB resident and 0.7 s of
 * start-up together).
 */
function loadedOnUse(batchMax: number, load: () => Promise<Deliverer>): Deliverer {
  let loaded: Promise<Deliverer> | undefined;
  return {
    batchMax,
    async deliver(events, secrets, options) {
      // A failed load (a broken install) is tried again at the next attempt, not remembered.
      loaded ??= load().catch((err: unknown) => {
        loaded = undefined;
        throw err;
      });
      return (await loaded).deliver(events, secrets, options);
    },
  };
}
