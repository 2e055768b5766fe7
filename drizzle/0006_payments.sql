CREATE TABLE "payments" (
	"id" text PRIMARY KEY NOT NULL,
	"network" text NOT NULL,
	"blockchain_identifier" text NOT NULL,
	"escrow_reference" text NOT NULL,
	"agent_identifier" text NOT NULL,
	"agent_name" text,
	"pricing_type" text NOT NULL,
	"tier_name" text,
	"selling_wallet_id" text NOT NULL,
	"identifier_from_purchaser" text NOT NULL,
	"input_hash" text NOT NULL,
	"amounts" text NOT NULL,
	"pay_by_time_ms" bigint NOT NULL,
	"submit_result_time_ms" bigint NOT NULL,
	"unlock_time_ms" bigint NOT NULL,
	"external_dispute_unlock_time_ms" bigint NOT NULL,
	"state" text NOT NULL,
	"result_hash" text,
	"metadata" text,
	"requested_by_id" text,
	"created_at_ms" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_selling_wallet_id_wallets_id_fk" FOREIGN KEY ("selling_wallet_id") REFERENCES "public"."wallets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_blockchain_identifier_key" ON "payments" USING btree ("blockchain_identifier");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_escrow_reference_key" ON "payments" USING btree ("escrow_reference");--> statement-breakpoint
CREATE INDEX "payments_page_idx" ON "payments" USING btree ("network","created_at_ms","id");--> statement-breakpoint
CREATE INDEX "payments_state_idx" ON "payments" USING btree ("network","state");