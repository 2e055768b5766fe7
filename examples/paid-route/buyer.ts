import { type EscrowdClient, fetchPaid } from "@escrowd/client";

/** Calls a paid route: a 402 is locked through the buyer's node and retried with the proof. */
export function shout(
  node: EscrowdClient,
  url: string,
  text: string,
  most: Record<string, bigint>,
) {
  return fetchPaid(
    node,
    url,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text }),
    },
    { maxAmount: most, pollMs: 250, timeoutMs: 60_000 },
  );
}
