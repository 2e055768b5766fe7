/**
 * Webhooks signed per the Standard Webhooks specification, with the `standardwebhooks`
 * package: `webhook-id` is the usage id (receivers deduplicate by it), `webhook-timestamp` the
 * wall clock's seconds (never the node's clock: on the devnet that is chain time, which jumps,
 * and receivers refuse timestamps five minutes off), `webhook-signature` one `v1,…` per valid
 * secret (two during a rotation). The body is the stored event byte for byte. Redirects are
 * not followed (a redirect could lead past the address guard); the host is checked when the
 * connection is made (address-guard.ts).
 */
import http from "node:http";
import https from "node:https";
import { Webhook } from "standardwebhooks";
import { guardedLookup, RefusedAddressError, refusedLiteralHost } from "./address-guard.ts";
import { outcomeOfError, outcomeOfStatus, retryAfterMs } from "./outcomes.ts";
import type { DelivererOptions, WebhookConfig } from "./target-config.ts";
import type { Deliverer, DeliveryOutcome, TargetSecrets } from "./types.ts";

/** How much of an answer's body is read (for the receipt's error); the rest is dropped. */
const EXCERPT_BYTES_MAX = 2_048;

/** The signature header: a `v1,…` entry for each secret valid now. */
export function signatures(
  secrets: TargetSecrets,
  usageId: string,
  at: Date,
  body: string,
): string {
  const keys = secrets.previous === null ? [secrets.current] : [secrets.current, secrets.previous];
  return keys.map((k) => new Webhook(k).sign(usageId, at, body)).join(" ");
}

interface Answer {
  status: number;
  retryAfter: string | undefined;
  excerpt: string;
}

function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  opts: DelivererOptions,
  signal: AbortSignal,
): Promise<Answer> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup({ allowPrivate: opts.allowPrivateTargets, resolve: opts.resolve }),
        signal,
        // A fresh connection per attempt: a kept-alive one would skip the address check.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size < EXCERPT_BYTES_MAX) chunks.push(chunk);
          size += chunk.length;
          if (size > EXCERPT_BYTES_MAX) res.destroy();
        });
        const done = () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers["retry-after"],
            excerpt: Buffer.concat(chunks)
              .toString("utf8")
              .slice(0, 200)
              .replace(/[^\x20-\x7e]/g, " "),
          });
        res.on("end", done);
        res.on("close", done);
        res.on("error", done);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export function webhookDeliverer(config: WebhookConfig, opts: DelivererOptions): Deliverer {
  const url = new URL(config.url);
  // A literal address is refused before any connection; a name is checked as each one opens.
  const literal = refusedLiteralHost(url.hostname, opts.allowPrivateTargets);
  return {
    batchMax: 1,
    async deliver(events, secrets, { signal }) {
      const out = new Map<string, DeliveryOutcome>();
      for (const e of events) {
        if (literal) {
          out.set(e.usageId, { status: "failed", statusCode: null, error: literal });
          continue;
        }
        const at = new Date();
        const headers = {
          "content-type": "application/json",
          "user-agent": "escrowd-webhooks",
          "webhook-id": e.usageId,
          "webhook-timestamp": String(Math.floor(at.getTime() / 1_000)),
          "webhook-signature": signatures(secrets, e.usageId, at, e.body),
        };
        try {
          const a = await post(url, headers, e.body, opts, signal);
          const outcome =
            a.status >= 300 && a.status < 400
              ? {
                  status: "failed" as const,
                  statusCode: a.status,
                  error: `HTTP ${a.status}: redirects are not followed`,
                }
              : outcomeOfStatus(a.status, a.excerpt, retryAfterMs(a.retryAfter, Date.now()));
          out.set(e.usageId, outcome);
        } catch (err) {
          out.set(
            e.usageId,
            err instanceof RefusedAddressError
              ? { status: "failed", statusCode: null, error: err.message }
              : outcomeOfError(err, signal.aborted),
          );
        }
      }
      return out;
    },
  };
}
