/**
 * A webhook receiver for tests: checks each request's signature with the `standardwebhooks`
 * package's own verifier (any of `secrets`), fails a share of requests on purpose (500 or 429,
 * seeded), or answers statuses queued by the test, or never answers (`hang`). It keeps what it
 * took, deduplicated by `webhook-id` as the specification tells receivers to.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedWebhook {
  id: string;
  body: string;
  headers: Record<string, string>;
}

export interface WebhookReceiver {
  url: string;
  /** Every request with a good signature that was answered 2xx, in order (duplicates too). */
  received: ReceivedWebhook[];
  /** The ids taken, each once. */
  acceptedIds: string[];
  /** Requests for an id already taken. */
  duplicates: number;
  badSignatures: number;
  requests: number;
  /** Requests failed on purpose (the rate or the queue). */
  failedRequests: number;
  failures: {
    rate: number;
    /** Statuses answered to the next requests, first to last (then the rate applies). */
    queue: number[];
    /** Never answer (the request hangs until the client gives up). */
    hang: boolean;
    /** With a 429 or 503 from the queue: a Retry-After header (seconds). */
    retryAfter?: string;
  };
  close(): Promise<void>;
}

function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (typeof v === "string") out[k] = v;
  return out;
}

export async function startWebhookReceiver(opts: {
  secrets: string[];
  failRate?: number;
  random?: () => number;
}): Promise<WebhookReceiver> {
  const random = opts.random ?? Math.random;
  const verifiers = opts.secrets.map((s) => new Webhook(s));
  const accepted = new Set<string>();
  const r: Omit<WebhookReceiver, "url" | "close"> = {
    received: [],
    acceptedIds: [],
    duplicates: 0,
    badSignatures: 0,
    requests: 0,
    failedRequests: 0,
    failures: { rate: opts.failRate ?? 0, queue: [], hang: false },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      r.requests++;
      if (r.failures.hang) return;
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = flatHeaders(req.headers);
      const queued = r.failures.queue.shift();
      if (queued !== undefined) {
        r.failedRequests++;
        const extra = r.failures.retryAfter ? { "retry-after": r.failures.retryAfter } : undefined;
        res.writeHead(queued, extra).end(`queued answer ${queued}`);
        return;
      }
      if (random() < r.failures.rate) {
        r.failedRequests++;
        res.writeHead(random() < 0.5 ? 500 : 429).end("failing on purpose");
        return;
      }
      const good = verifiers.some((v) => {
        try {
          v.verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      if (!good) {
        r.badSignatures++;
        res.writeHead(401).end("bad signature");
        return;
      }
      const id = headers["webhook-id"]!;
      r.received.push({ id, body, headers });
      if (accepted.has(id)) r.duplicates++;
      else {
        accepted.add(id);
        r.acceptedIds.push(id);
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(r, {
    url: `http://127.0.0.1:${port}/hooks/escrowd`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
