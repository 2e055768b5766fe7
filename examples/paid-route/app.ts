import { paid } from "@escrowd/client/paywall";
import { Hono } from "hono";

/** A route that answers only calls paid into escrow; any other gets 402 and what to pay. */
export function shoutApp(node: { url: string; token: string }, agentIdentifier: string) {
  const app = new Hono();
  app.post("/shout", paid({ node, agentIdentifier, retryAfterSeconds: 1 }), async (c) => {
    const { text } = await c.req.json<{ text: string }>();
    return c.json({ shout: text.toUpperCase() });
  });
  return app;
}
