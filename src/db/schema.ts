/**
 * The node's tables. Times are POSIX milliseconds (bigint columns read as numbers, which hold
 * them exactly); amounts, when they come, are bigint read as bigint.
 */
import { bigint, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";

/** The node's hot wallets. The mnemonic is stored only encrypted (AES-256-GCM, see crypto). */
export const wallets = pgTable(
  "wallets",
  {
    id: text("id").primaryKey(),
    role: text("role", { enum: ["selling", "purchasing"] }).notNull(),
    network: text("network", { enum: ["preprod", "mainnet"] }).notNull(),
    address: text("address").notNull(),
    paymentKeyHash: text("payment_key_hash").notNull(),
    encryptedMnemonic: text("encrypted_mnemonic").notNull(),
    note: text("note"),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("wallets_address_key").on(t.address),
    index("wallets_role_idx").on(t.network, t.role),
  ],
);

/** Small facts the node keeps about itself (for example, when it last funded its devnet wallets). */
export const nodeState = pgTable("node_state", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
});
