CREATE TABLE "low_balance_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"wallet_id" text NOT NULL,
	"asset_unit" text NOT NULL,
	"threshold_amount" bigint NOT NULL,
	"enabled" boolean NOT NULL,
	"status" text NOT NULL,
	"last_known_amount" bigint,
	"last_checked_at_ms" bigint,
	"last_alerted_at_ms" bigint,
	"created_at_ms" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"bucket" text PRIMARY KEY NOT NULL,
	"window_start_ms" bigint NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "low_balance_rules" ADD CONSTRAINT "low_balance_rules_wallet_id_wallets_id_fk" FOREIGN KEY ("wallet_id") REFERENCES "public"."wallets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "low_balance_rules_wallet_unit_key" ON "low_balance_rules" USING btree ("wallet_id","asset_unit");--> statement-breakpoint
CREATE INDEX "rate_limits_window_start_ms_idx" ON "rate_limits" USING btree ("window_start_ms");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_at_ms_idx" ON "idempotency_keys" USING btree ("created_at_ms");--> statement-breakpoint
CREATE INDEX "payments_updated_idx" ON "payments" USING btree ("network","updated_at_ms","id");--> statement-breakpoint
CREATE INDEX "purchases_updated_idx" ON "purchases" USING btree ("network","updated_at_ms","id");--> statement-breakpoint
CREATE INDEX "registry_requests_updated_idx" ON "registry_requests" USING btree ("network","updated_at_ms","id");--> statement-breakpoint
-- Stored answers were scoped by a SHA-256 of the raw token (the admin key's among them); they are
-- now scoped by the key's id, so the old rows could never be replayed and are dropped.
DELETE FROM "idempotency_keys";
