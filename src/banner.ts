/** What `escrowd start` prints once the node is ready. */
import path from "node:path";
import type { RunningNode } from "./node.ts";

/** The short block printed once the node is ready: where everything is, no secrets. */
export function readyBanner(node: RunningNode): string {
  const { config, parts } = node;
  const keysDir = path.join(config.dataDir, "keys");
  const origin = node.apiUrl.replace(/\/api\/v1$/, "");
  const lines = [
    `escrowd is ready on ${config.network}${parts?.devnet ? " (local devnet)" : ""}`,
    `  API         ${node.apiUrl}   (health: ${node.apiUrl}/health)`,
    `  dashboard   ${origin}/   (docs: ${origin}/docs, metrics: ${origin}/metrics)`,
    `  admin key   ${parts?.keys.generated.adminKey ? `generated, in ${path.join(keysDir, "admin.key")}` : "from ADMIN_KEY"}`,
    `  database    ${config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${path.join(config.dataDir, "pg")}`}`,
  ];
  if (parts?.devnet) {
    lines.push(
      `  devnet      ${parts.devnet.blockfrostUrl}   (Blockfrost API; faucet and time at ${parts.devnet.url}/devnet)`,
    );
  } else if (config.chain.backend === "blockfrost") {
    lines.push(`  chain       Blockfrost at ${config.chain.baseUrl}`);
  }
  // The vkey is what a Masumi SDK user passes as the seller's key; it is public.
  for (const w of parts?.wallets ?? [])
    lines.push(`  ${w.role.padEnd(11)} ${w.address}   (vkey ${w.paymentKeyHash})`);
  return lines.join("\n");
}
