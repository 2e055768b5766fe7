CREATE TABLE "node_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wallets" (
	"id" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"network" text NOT NULL,
	"address" text NOT NULL,
	"payment_key_hash" text NOT NULL,
	"encrypted_mnemonic" text NOT NULL,
	"note" text,
	"created_at_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "wallets_address_key" ON "wallets" USING btree ("address");--> statement-breakpoint
CREATE INDEX "wallets_role_idx" ON "wallets" USING btree ("network","role");