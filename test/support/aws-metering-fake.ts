/**
 * A local stand-in for AWS Marketplace metering's BatchMeterUsage, checking requests as the
 * service's JSON 1.1 protocol has them: `POST /` with `X-Amz-Target:
 * AWSMPMeteringService.BatchMeterUsage`, a SigV4 Authorization for the `aws-marketplace`
 * service, a product code, 1 to 25 usage records each with a timestamp (epoch seconds), a
 * customer, a dimension and a quantity from 0 to 2^31-1. As AWS documents, a record is known
 * by customer, dimension and timestamp: sent again with the same quantity it is the same record
 * (Success, the same id, counted once); with another quantity a DuplicateRecord.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface AwsRecord {
  Timestamp: number;
  CustomerIdentifier: string;
  Dimension: string;
  Quantity: number;
}

export interface AwsMeteringFake {
  endpoint: string;
  /** Records AWS accepted (Status Success), in order. */
  records: AwsRecord[];
  calls: { productCode: string; records: AwsRecord[]; authorization: string }[];
  /** Errors answered to the next calls: an exception name and its HTTP status. */
  queue: { type: string; status: number }[];
  /** Records sent again as they were (AWS answered the first record again). */
  sameRecordAgain: number;
  /** Customers not subscribed (answered per record). */
  unsubscribed: Set<string>;
  close(): Promise<void>;
}

const keyOf = (r: AwsRecord) => `${r.CustomerIdentifier}|${r.Dimension}|${r.Timestamp}`;

/** What AWS answered for a record it has: the same record again is the same answer. */
interface Kept {
  quantity: number;
  meteringRecordId: string;
}

export async function startAwsMeteringFake(accessKeyId: string): Promise<AwsMeteringFake> {
  const seen = new Map<string, Kept>();
  const f: Omit<AwsMeteringFake, "endpoint" | "close"> = {
    records: [],
    calls: [],
    queue: [],
    sameRecordAgain: 0,
    unsubscribed: new Set(),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const send = (status: number, body: unknown) =>
        res
          .writeHead(status, { "content-type": "application/x-amz-json-1.1" })
          .end(JSON.stringify(body));
      const error = (status: number, type: string, message: string) =>
        send(status, { __type: type, message });
      const authorization = req.headers.authorization ?? "";
      if (req.method !== "POST" || req.url !== "/")
        return error(404, "UnknownOperationException", "POST / only");
      if (req.headers["x-amz-target"] !== "AWSMPMeteringService.BatchMeterUsage")
        return error(400, "UnknownOperationException", "not BatchMeterUsage");
      if (!req.headers["content-type"]?.startsWith("application/x-amz-json-1.1"))
        return error(400, "SerializationException", "JSON 1.1 expected");
      if (
        !new RegExp(
          `^AWS4-HMAC-SHA256 Credential=${accessKeyId}/\\d{8}/[a-z0-9-]+/aws-marketplace/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$`,
        ).test(authorization)
      )
        return error(403, "UnrecognizedClientException", "bad SigV4 authorization");
      let body: { ProductCode?: string; UsageRecords?: AwsRecord[] };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return error(400, "SerializationException", "not JSON");
      }
      const records = body.UsageRecords ?? [];
      if (!body.ProductCode)
        return error(400, "InvalidProductCodeException", "ProductCode is required");
      if (records.length < 1 || records.length > 25)
        return error(400, "ValidationException", "UsageRecords must hold 1 to 25 records");
      for (const r of records) {
        const ok =
          Number.isInteger(r.Timestamp) &&
          typeof r.CustomerIdentifier === "string" &&
          typeof r.Dimension === "string" &&
          Number.isInteger(r.Quantity) &&
          r.Quantity >= 0 &&
          r.Quantity <= 2_147_483_647;
        if (!ok) return error(400, "ValidationException", `malformed record ${JSON.stringify(r)}`);
      }
      f.calls.push({ productCode: body.ProductCode, records, authorization });
      const queued = f.queue.shift();
      if (queued) return error(queued.status, queued.type, `queued ${queued.type}`);
      const results = records.map((r, i) => {
        if (f.unsubscribed.has(r.CustomerIdentifier))
          return { UsageRecord: r, Status: "CustomerNotSubscribed" };
        const kept = seen.get(keyOf(r));
        if (kept) {
          if (kept.quantity !== r.Quantity) return { UsageRecord: r, Status: "DuplicateRecord" };
          f.sameRecordAgain++;
          return { UsageRecord: r, MeteringRecordId: kept.meteringRecordId, Status: "Success" };
        }
        const meteringRecordId = `mr-${f.calls.length}-${i}`;
        seen.set(keyOf(r), { quantity: r.Quantity, meteringRecordId });
        f.records.push(r);
        return { UsageRecord: r, MeteringRecordId: meteringRecordId, Status: "Success" };
      });
      send(200, { Results: results, UnprocessedRecords: [] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(f, {
    endpoint: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
