CREATE TABLE "registry_index" (
	"agent_identifier" text PRIMARY KEY NOT NULL,
	"network" text NOT NULL,
	"policy_id" text NOT NULL,
	"asset_name" text NOT NULL,
	"status" text NOT NULL,
	"holder_address" text,
	"holder_payment_key_hash" text,
	"raw_metadata" text,
	"metadata" text,
	"valid" boolean NOT NULL,
	"invalid_reasons" text[] NOT NULL,
	"name" text,
	"description" text,
	"pricing_type" text,
	"units" text[] NOT NULL,
	"tags" text[] NOT NULL,
	"capability_name" text,
	"mint_or_burn_count" integer NOT NULL,
	"first_seen_at_ms" bigint NOT NULL,
	"checked_at_ms" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"network" text NOT NULL,
	"wallet_id" text NOT NULL,
	"agent_identifier" text,
	"asset_name" text,
	"metadata" text NOT NULL,
	"state" text NOT NULL,
	"error" text,
	"current_tx_hash" text,
	"created_at_ms" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registry_requests" ADD CONSTRAINT "registry_requests_wallet_id_wallets_id_fk" FOREIGN KEY ("wallet_id") REFERENCES "public"."wallets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_index_network_status_idx" ON "registry_index" USING btree ("network","status");--> statement-breakpoint
CREATE INDEX "registry_index_holder_idx" ON "registry_index" USING btree ("holder_address");--> statement-breakpoint
CREATE INDEX "registry_index_checked_idx" ON "registry_index" USING btree ("checked_at_ms");--> statement-breakpoint
CREATE UNIQUE INDEX "registry_requests_agent_key" ON "registry_requests" USING btree ("agent_identifier");--> statement-breakpoint
CREATE INDEX "registry_requests_state_idx" ON "registry_requests" USING btree ("network","state");