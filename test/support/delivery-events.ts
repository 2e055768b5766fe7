/** Usage events for delivery tests: real bodies and ids, written through the outbox. */
import type { Db } from "../../src/db/client.ts";
import {
  usageEventId,
  type UsageEventBody,
  type UsageEventType,
} from "../../src/domain/usage-event.ts";
import { writeUsageEvents, type UsageEventRow } from "../../src/services/usage-events.ts";

export const TEST_USDM =
  "16a55b2a349361ff88c03788f93e1e966e5d689605d044fef722ddde0014df10745553444d";
export const SELLER_VKEY = "aa".repeat(28);
export const BUYER_VKEY = "bb".repeat(28);
export const AGENT = "cc".repeat(28) + "dd".repeat(32);

/** An event body as the node writes one; `over` changes any field. */
export function eventBody(
  n: number,
  type: UsageEventType = "payment.funds_locked",
  over: Partial<UsageEventBody> = {},
): UsageEventBody {
  const blockchainIdentifier = `bi-${n}`;
  const txHash = n.toString(16).padStart(64, "0");
  return {
    usageId: usageEventId("preprod", blockchainIdentifier, type, txHash),
    type,
    network: "Preprod",
    role: type.startsWith("purchase.") ? "buyer" : "seller",
    blockchainIdentifier,
    agentIdentifier: AGENT,
    sellerVkey: SELLER_VKEY,
    buyerVkey: BUYER_VKEY,
    state: "FundsLocked",
    amounts: [{ unit: TEST_USDM, amount: "5000000" }],
    paidToSeller: [],
    paidToBuyer: [],
    claim: null,
    voucher: null,
    usage: null,
    resultHash: null,
    invalidReason: null,
    txHash,
    chainTimeMs: 1_700_000_000_000 + n,
    nodeTimeMs: Date.now(),
    ...over,
  };
}

export function eventRow(body: UsageEventBody, createdAtMs: number): UsageEventRow {
  return {
    id: body.usageId,
    network: "preprod",
    type: body.type,
    role: body.role,
    subjectId: `subject-${body.blockchainIdentifier}`,
    blockchainIdentifier: body.blockchainIdentifier,
    agentIdentifier: body.agentIdentifier,
    txHash: body.txHash,
    chainTimeMs: body.chainTimeMs,
    createdAtMs,
    body: JSON.stringify(body),
  };
}

/** Writes events (receipts for the targets there are now); answers their bodies. */
export async function writeEvents(
  db: Db,
  bodies: UsageEventBody[],
  createdAtMs = 1_000,
): Promise<UsageEventBody[]> {
  await writeUsageEvents(
    db,
    bodies.map((b) => eventRow(b, createdAtMs)),
    createdAtMs,
  );
  return bodies;
}
