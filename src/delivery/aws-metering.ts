/**
 * AWS Marketplace metering with the official SDK client: `BatchMeterUsage`, at most 25 usage
 * records a call, each {Timestamp, CustomerIdentifier, Dimension, Quantity}. AWS knows a record
 * by its customer, dimension and timestamp (seconds), not by our id: the same triple sent again
 * with the same quantity is the same record (a retry or replay is counted once), with another
 * quantity a DuplicateRecord. So each event's timestamp is its second moved back by an offset
 * of up to an hour taken from its usage id (AWS bills by the hour): the same on every retry,
 * and two events of one customer and dimension in the same second rarely share it. When they
 * do, the later one is reported failed (DuplicateRecord), never counted twice or dropped
 * silently. Answers are matched back to events by that triple; events sharing it go in
 * separate calls.
 */
import {
  BatchMeterUsageCommand,
  MarketplaceMeteringClient,
  type UsageRecord,
} from "@aws-sdk/client-marketplace-metering";
import { customerOf, valueOf } from "./event-values.ts";
import { outcomeOfError } from "./outcomes.ts";
import type { AwsConfig, DelivererOptions } from "./target-config.ts";
import {
  AWS_RECORDS_PER_CALL_MAX,
  type Deliverer,
  type DeliveryEvent,
  type DeliveryOutcome,
} from "./types.ts";

/** AWS takes records up to six hours old: four, less the offset of up to an hour, keeps a margin. */
const PAST_MS_MAX = 4 * 3_600_000;
const OFFSET_S_MAX = 3_600;
/** BatchMeterUsage's Quantity is a 32-bit signed integer. */
const QUANTITY_MAX = 2_147_483_647n;
const RETRYABLE = new Set(["ThrottlingException", "InternalServiceErrorException"]);

interface Pending {
  usageId: string;
  record: UsageRecord;
  key: string;
}

const keyOf = (r: UsageRecord) =>
  `${r.CustomerIdentifier}\u0000${r.Dimension}\u0000${r.Timestamp!.getTime()}`;

/** Calls of at most 25 records, each record's (customer, dimension, second) once per call. */
export function intoCalls(records: readonly Pending[]): Pending[][] {
  const calls: { keys: Set<string>; records: Pending[] }[] = [];
  for (const r of records) {
    let call = calls.find((c) => c.records.length < AWS_RECORDS_PER_CALL_MAX && !c.keys.has(r.key));
    if (!call) calls.push((call = { keys: new Set(), records: [] }));
    call.keys.add(r.key);
    call.records.push(r);
  }
  return calls.map((c) => c.records);
}

function credentialsOf(secret: string) {
  const c = JSON.parse(secret) as {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  };
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
  };
}

function outcomeOfAwsError(err: unknown, aborted: boolean): DeliveryOutcome {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  if (status === undefined || aborted) return outcomeOfError(err, aborted);
  const error = `${e.name ?? "error"}: ${e.message ?? ""}`.slice(0, 500);
  if (RETRYABLE.has(e.name ?? "") || status === 429 || status >= 500)
    return { status: "retry", statusCode: status, error };
  return { status: "failed", statusCode: status, error };
}

export function awsMeteringDeliverer(config: AwsConfig, _opts: DelivererOptions): Deliverer {
  let client: { key: string; aws: MarketplaceMeteringClient } | undefined;
  const recordOf = (e: DeliveryEvent): Pending | DeliveryOutcome => {
    const dimension = config.dimensions[e.event.type];
    if (!dimension) return { status: "skipped", reason: `no dimension for ${e.event.type}` };
    const customer = customerOf(e.event, config.customerBy, config.customers);
    if (customer === null)
      return { status: "skipped", reason: `no AWS customer mapped for ${config.customerBy}` };
    const value = valueOf(e.event, config.value);
    if (value === null)
      return { status: "skipped", reason: `no ${config.value.source} value in ${e.event.type}` };
    if (value > QUANTITY_MAX)
      return { status: "failed", statusCode: null, error: `quantity ${value} is over AWS's limit` };
    const nowMs = Date.now();
    const atMs = Math.min(Math.max(e.event.nodeTimeMs, nowMs - PAST_MS_MAX), nowMs);
    const offsetS = parseInt(e.usageId.slice(3, 11), 16) % OFFSET_S_MAX;
    const record: UsageRecord = {
      Timestamp: new Date((Math.floor(atMs / 1_000) - offsetS) * 1_000),
      CustomerIdentifier: customer,
      Dimension: dimension,
      Quantity: Number(value),
    };
    return { usageId: e.usageId, record, key: keyOf(record) };
  };
  return {
    batchMax: AWS_RECORDS_PER_CALL_MAX,
    async deliver(events, secrets, { signal }) {
      if (client?.key !== secrets.current) {
        client?.aws.destroy();
        client = {
          key: secrets.current,
          aws: new MarketplaceMeteringClient({
            region: config.region,
            credentials: credentialsOf(secrets.current),
            maxAttempts: 1,
            ...(config.endpoint && { endpoint: config.endpoint }),
          }),
        };
      }
      const out = new Map<string, DeliveryOutcome>();
      const pending: Pending[] = [];
      for (const e of events) {
        const r = recordOf(e);
        if ("usageId" in r) pending.push(r);
        else out.set(e.usageId, r);
      }
      for (const call of intoCalls(pending)) {
        try {
          const answer = await client.aws.send(
            new BatchMeterUsageCommand({
              ProductCode: config.productCode,
              UsageRecords: call.map((p) => p.record),
            }),
            { abortSignal: signal },
          );
          const byKey = new Map(call.map((p) => [p.key, p.usageId]));
          for (const r of answer.Results ?? []) {
            const id = r.UsageRecord && byKey.get(keyOf(r.UsageRecord));
            if (!id) continue;
            out.set(
              id,
              r.Status === "Success"
                ? { status: "delivered", statusCode: 200 }
                : {
                    status: "failed",
                    statusCode: 200,
                    error:
                      r.Status === "DuplicateRecord"
                        ? "DuplicateRecord: AWS has another quantity for this customer, dimension and second"
                        : `${r.Status ?? "no status"}`,
                  },
            );
          }
          for (const u of answer.UnprocessedRecords ?? []) {
            const id = byKey.get(keyOf(u));
            if (id)
              out.set(id, {
                status: "retry",
                statusCode: 200,
                error: "AWS left the record unprocessed",
              });
          }
          for (const p of call)
            if (!out.has(p.usageId))
              out.set(p.usageId, {
                status: "retry",
                statusCode: 200,
                error: "AWS answered nothing for the record",
              });
        } catch (err) {
          const outcome = outcomeOfAwsError(err, signal.aborted);
          for (const p of call) out.set(p.usageId, outcome);
        }
      }
      return out;
    },
  };
}
