/**
 * The demo's way into the node: its own HTTP API with the admin key, as an operator's script
 * would use it, and the devnet's time route. Every wait is bounded.
 */
/** An answer's `data` as the API's JSON; the demo reads a few fields it knows are there. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the routes' views, untyped here
export type Data = any;

export interface DemoClient {
  api(method: string, route: string, body?: unknown): Promise<Data>;
  /** Polls `read` every 200 ms until it yields a value; fails after `timeoutMs`. */
  until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  /** The view of a payment or purchase once it is in `state`. */
  inState(side: "payment" | "purchase", id: string, state: string): Promise<Data>;
  /** Moves the devnet's clock to `ms` (a block is made at the new time). */
  moveTimeTo(ms: number): Promise<void>;
}

const WAIT_MS = 90_000;

export function demoClient(apiUrl: string, adminKey: string, devnetUrl: string): DemoClient {
  const api = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${apiUrl}${route}`, {
      method,
      headers: { token: adminKey, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await res.json()) as { data?: unknown; error?: { message: string } };
    if (res.status !== 200)
      throw new Error(`${method} ${route}: ${res.status} ${answer.error?.message ?? ""}`);
    return answer.data;
  };
  const until = async <T>(
    what: string,
    read: () => Promise<T | undefined>,
    timeoutMs = WAIT_MS,
  ) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  return {
    api,
    until,
    inState: (side, id, state) =>
      until(`the ${side} to reach ${state}`, async () => {
        const view = (await api("POST", `/${side}/resolve-blockchain-identifier`, {
          network: "Preprod",
          blockchainIdentifier: id,
        })) as { state?: string };
        return view.state === state ? view : undefined;
      }),
    async moveTimeTo(ms) {
      const res = await fetch(`${devnetUrl}/devnet/time`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ toTimeMs: ms }),
      });
      if (res.status !== 200) throw new Error(`devnet time: ${res.status} ${await res.text()}`);
    },
  };
}
