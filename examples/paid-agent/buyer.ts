import { callAgent, createClient } from "@escrowd/client";

const node = createClient({ baseUrl: process.env.ESCROWD_URL!, token: process.env.ESCROWD_TOKEN! });

const job = await callAgent(node, {
  agentUrl: process.env.AGENT_URL!,
  input: { text: process.argv[2] ?? "hello" },
  release: true,
});
console.log(JSON.stringify(job));
