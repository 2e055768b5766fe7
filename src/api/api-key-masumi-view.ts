/**
 * The parts of the peer's `APIKey` shape that escrowd cannot answer from a stored key as the peer
 * does. The node keeps only a hash of each token, so every answer but the creating POST carries
 * a masked token: the key's public prefix followed by `…` (never a usable token). The configured
 * ADMIN_KEY has no row: its status answers the full shape with a masked token too.
 */
import type { Network } from "../chain/network.ts";
import type { Principal } from "../services/api-keys.ts";

/** What `token` holds after creation: the prefix, then a mark that the rest is not kept. */
export function maskedToken(tokenPrefix: string): string {
  return `${tokenPrefix}…(masked: only its creation answers the token)`;
}

const toWireNetwork = (n: Network) => (n === "preprod" ? "Preprod" : "Mainnet");

/** `/api-key-status` for the configured ADMIN_KEY, in the peer's `APIKey` shape. */
export function adminStatusView(p: Principal) {
  return {
    id: "admin",
    token: maskedToken("admin"),
    permission: "Admin" as const,
    canRead: p.canRead,
    canPay: p.canPay,
    canAdmin: p.canAdmin,
    usageLimited: p.usageLimited,
    NetworkLimit: p.networks.map(toWireNetwork),
    ChainIdLimit: [] as string[],
    RemainingUsageCredits: [] as { unit: string; amount: string }[],
    status: "Active" as const,
    walletScopeEnabled: false,
    WalletScopes: [] as { hotWalletId: string }[],
  };
}
