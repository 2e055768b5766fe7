import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

/** An MCP client of the node at `mcpUrl` (e.g. http://127.0.0.1:3001/mcp), with an API key. */
export async function connectToNode(mcpUrl: URL, apiKey: string): Promise<Client> {
  const client = new Client({ name: "my-agent", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(mcpUrl, {
    requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
  });
  await client.connect(transport);
  return client;
}
