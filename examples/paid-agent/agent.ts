import { serve } from "@hono/node-server";
import { paywall } from "@escrowd/client/paywall";

const agent = paywall({
  node: { url: process.env.ESCROWD_URL!, token: process.env.ESCROWD_TOKEN! },
  agentIdentifier: process.env.AGENT_IDENTIFIER!,
  handler: async (input: { text: string }) => input.text.toUpperCase(),
});

serve({ fetch: agent.fetch, port: Number(process.env.PORT ?? 8080) }, ({ port }) =>
  console.log(`agent listening on http://127.0.0.1:${port}`),
);
