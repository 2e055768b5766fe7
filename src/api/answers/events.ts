/**
 * Usage events, their receipts and event targets, as `/events` and `/event-targets` answer them.
 * A target's answer never carries a secret, only whether it has one; the one exception is a
 * webhook secret the node generated, answered once by the creating POST.
 */
import { z } from "zod";
import { USAGE_EVENT_TYPES } from "../../domain/usage-event.ts";
import { TARGET_CONFIG_SCHEMAS } from "../../delivery/target-config.ts";
import { amountText, msText, wireAmount } from "./shapes.ts";

const msNumber = z.number().int().meta({ description: "POSIX milliseconds" });

/** An event as every target receives it, with when the node wrote it. */
export const usageEventAnswer = z
  .object({
    usageId: z.string().meta({ description: "`ue_` and 48 hex digits, the same for a re-read" }),
    type: z.enum(USAGE_EVENT_TYPES),
    network: z.enum(["Preprod", "Mainnet"]),
    role: z.enum(["seller", "buyer"]),
    blockchainIdentifier: z.string(),
    agentIdentifier: z.string(),
    sellerVkey: z.string(),
    buyerVkey: z.string().nullable().meta({ description: "Null on a payment not yet locked" }),
    state: z.string().meta({ description: "The payment's or purchase's state after the change" }),
    amounts: z.array(wireAmount).meta({ description: "The job's price (the signed terms)" }),
    paidToSeller: z.array(wireAmount).meta({ description: "Paid out by this change" }),
    paidToBuyer: z.array(wireAmount).meta({ description: "Paid out by this change" }),
    claim: z.array(wireAmount).nullable().meta({ description: "A metered escrow's claim" }),
    voucher: z
      .object({ unit: z.string(), total: amountText, increment: amountText })
      .nullable()
      .meta({ description: "A voucher_updated's running total and rise, else null" }),
    usage: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: "A usage record's counts (integer strings), else null" }),
    resultHash: z.string().nullable(),
    invalidReason: z.string().nullable().meta({ description: "Why a lock does not pay" }),
    txHash: z.string().nullable(),
    chainTimeMs: msNumber.nullable().meta({ description: "The block's time, null off chain" }),
    nodeTimeMs: msNumber.meta({ description: "When the node saw the change" }),
    createdAtMs: msNumber.meta({ description: "When the node wrote the event" }),
  })
  .meta({ description: "A usage event, as targets receive it" });

export const eventPageAnswer = z.object({
  events: z.array(usageEventAnswer).meta({ description: "Oldest first" }),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page" }),
});

const receipt = z.object({
  targetId: z.string(),
  targetName: z.string(),
  kind: z.enum(["webhook", "stripe", "aws"]),
  status: z.enum(["pending", "delivered", "deferred", "skipped", "failed"]).meta({
    description: "deferred: waiting for the target's credentials",
  }),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable().meta({ description: "The last answer or error, cut short" }),
  nextAttemptAtMs: msNumber,
  dispatchedAtMs: msNumber.nullable(),
});

export const eventWithReceiptsAnswer = usageEventAnswer
  .extend({ receipts: z.array(receipt).meta({ description: "One per target it goes to" }) })
  .meta({ description: "A usage event with each target's receipt" });

export const replayAnswer = z.object({
  replayed: z.number().int().meta({ description: "How many receipts were made due again" }),
});

const targetFields = {
  id: z.string(),
  name: z.string(),
  kind: z.enum(["webhook", "stripe", "aws"]),
  config: z
    .union([TARGET_CONFIG_SCHEMAS.webhook, TARGET_CONFIG_SCHEMAS.stripe, TARGET_CONFIG_SCHEMAS.aws])
    .meta({ description: "The kind's config as given (no secret is ever part of it)" }),
  eventTypes: z.array(z.string()).meta({ description: '`["*"]` for every type' }),
  enabled: z.boolean(),
  hasSecret: z.boolean().meta({ description: "Whether credentials are set (never answered)" }),
  previousSecretValidUntil: msText.nullable().meta({
    description: "During a rotation, until when the previous secret still signs (POSIX ms)",
  }),
  createdAt: msText,
  updatedAt: msText,
};

export const eventTargetAnswer = z
  .object(targetFields)
  .meta({ description: "An event target, without its secret" });

export const createdEventTargetAnswer = z
  .object({
    ...targetFields,
    secret: z
      .string()
      .optional()
      .meta({
        description:
          "Only when a webhook was created without a secret: the signing secret the node " +
          "generated (`whsec_…`), answered once — a replay of the request does not carry it",
      }),
  })
  .meta({ description: "The new event target; a generated webhook secret, once" });

export const deletedEventTargetAnswer = z.object({ id: z.string(), deleted: z.literal(true) });

export const eventTargetListAnswer = z.object({ targets: z.array(eventTargetAnswer) });
