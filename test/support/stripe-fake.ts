/**
 * A local stand-in for Stripe's meter events endpoint that checks requests as Stripe documents
 * them: `POST /v1/billing/meter_events`, a bearer secret key, form encoding, `event_name`,
 * `payload[stripe_customer_id]` and an integer `payload[value]`, an optional `identifier` (at
 * most 100 characters, unique) and `timestamp` (within the past 35 days, at most 5 minutes
 * ahead). A repeated Idempotency-Key with the same parameters gets the first answer back.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface StripeMeterEvent {
  event_name: string;
  identifier: string;
  timestamp: number;
  payload: Record<string, string>;
}

export interface StripeFake {
  apiBase: string;
  events: StripeMeterEvent[];
  requests: { path: string; headers: Record<string, string | undefined>; form: string }[];
  /** Statuses answered to the next requests (then normal answers). */
  queue: number[];
  idempotentReplays: number;
  close(): Promise<void>;
}

const stripeError = (status: number, type: string, message: string, param?: string) => ({
  status,
  body: { error: { type, message, ...(param && { param }) } },
});

export async function startStripeFake(apiKey: string): Promise<StripeFake> {
  const byIdempotencyKey = new Map<string, { form: string; status: number; body: unknown }>();
  const f: Omit<StripeFake, "apiBase" | "close"> = {
    events: [],
    requests: [],
    queue: [],
    idempotentReplays: 0,
  };
  const answer = (
    form: URLSearchParams,
    headers: Record<string, string | undefined>,
    path: string,
  ) => {
    if (path !== "/v1/billing/meter_events")
      return stripeError(404, "invalid_request_error", `Unrecognized request URL (POST: ${path})`);
    if (headers.authorization !== `Bearer ${apiKey}`)
      return stripeError(401, "invalid_request_error", "Invalid API Key provided");
    if (!headers["content-type"]?.startsWith("application/x-www-form-urlencoded"))
      return stripeError(400, "invalid_request_error", "form encoding expected");
    const eventName = form.get("event_name");
    if (!eventName)
      return stripeError(
        400,
        "invalid_request_error",
        "Missing required param: event_name.",
        "event_name",
      );
    const customer = form.get("payload[stripe_customer_id]");
    if (!customer)
      return stripeError(
        400,
        "invalid_request_error",
        "Missing payload[stripe_customer_id].",
        "payload",
      );
    const value = form.get("payload[value]");
    if (!value || !/^\d+$/.test(value))
      return stripeError(
        400,
        "invalid_request_error",
        "payload[value] must be an integer",
        "payload",
      );
    const identifier = form.get("identifier") ?? `gen_${f.events.length}`;
    if (identifier.length > 100)
      return stripeError(400, "invalid_request_error", "identifier too long", "identifier");
    const nowS = Math.floor(Date.now() / 1_000);
    const timestamp = form.has("timestamp") ? Number(form.get("timestamp")) : nowS;
    if (!Number.isInteger(timestamp) || timestamp < nowS - 35 * 86_400 || timestamp > nowS + 300)
      return stripeError(400, "invalid_request_error", "timestamp out of range", "timestamp");
    if (f.events.some((e) => e.identifier === identifier))
      return stripeError(
        400,
        "invalid_request_error",
        `An event already exists with identifier ${identifier}.`,
        "identifier",
      );
    const payload: Record<string, string> = {};
    for (const [k, v] of form) {
      const m = /^payload\[(.+)\]$/.exec(k);
      if (m) payload[m[1]!] = v;
    }
    const event = { event_name: eventName, identifier, timestamp, payload };
    f.events.push(event);
    return {
      status: 200,
      body: { object: "billing.meter_event", created: nowS, livemode: false, ...event },
    };
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const form = Buffer.concat(chunks).toString("utf8");
      const headers = {
        authorization: req.headers.authorization,
        "content-type": req.headers["content-type"],
        "idempotency-key": req.headers["idempotency-key"] as string | undefined,
      };
      f.requests.push({ path: req.url ?? "", headers, form });
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      const queued = f.queue.shift();
      if (queued !== undefined)
        return send(queued, { error: { type: "api_error", message: `queued ${queued}` } });
      const key = headers["idempotency-key"];
      const seen = key === undefined ? undefined : byIdempotencyKey.get(key);
      if (seen) {
        if (seen.form !== form)
          return send(400, {
            error: {
              type: "idempotency_error",
              message: "Keys for idempotent requests can only be used with the same parameters",
            },
          });
        f.idempotentReplays++;
        return send(seen.status, seen.body);
      }
      const a = answer(new URLSearchParams(form), headers, (req.url ?? "").split("?")[0]!);
      if (key !== undefined && a.status < 500) byIdempotencyKey.set(key, { form, ...a });
      send(a.status, a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(f, {
    apiBase: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
