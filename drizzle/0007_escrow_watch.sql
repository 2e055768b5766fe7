CREATE TABLE "escrow_events" (
	"network" text NOT NULL,
	"escrow_id" text NOT NULL,
	"tx_hash" text NOT NULL,
	"kind" text NOT NULL,
	"block_height" integer NOT NULL,
	"tx_index" integer NOT NULL,
	"block_time_ms" bigint NOT NULL,
	"output_index" integer,
	"state" text NOT NULL,
	"reference" text NOT NULL,
	"datum_cbor" text,
	"value" text NOT NULL,
	"result_hash" text,
	"buyer_key_hash" text NOT NULL,
	"seller_key_hash" text NOT NULL,
	CONSTRAINT "escrow_events_escrow_id_tx_hash_pk" PRIMARY KEY("escrow_id","tx_hash")
);
--> statement-breakpoint
CREATE TABLE "purchases" (
	"id" text PRIMARY KEY NOT NULL,
	"network" text NOT NULL,
	"blockchain_identifier" text NOT NULL,
	"escrow_reference" text NOT NULL,
	"agent_identifier" text NOT NULL,
	"seller_vkey" text NOT NULL,
	"seller_address" text NOT NULL,
	"purchasing_wallet_id" text NOT NULL,
	"identifier_from_purchaser" text NOT NULL,
	"input_hash" text NOT NULL,
	"amounts" text NOT NULL,
	"pay_by_time_ms" bigint NOT NULL,
	"submit_result_time_ms" bigint NOT NULL,
	"unlock_time_ms" bigint NOT NULL,
	"external_dispute_unlock_time_ms" bigint NOT NULL,
	"state" text NOT NULL,
	"result_hash" text,
	"escrow_id" text,
	"invalid_reason" text,
	"metadata" text,
	"requested_by_id" text,
	"created_at_ms" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watch_checkpoints" (
	"name" text PRIMARY KEY NOT NULL,
	"height" integer NOT NULL,
	"tx_index" integer NOT NULL,
	"recent_tips" text NOT NULL,
	"updated_at_ms" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "escrow_id" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "invalid_reason" text;--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_purchasing_wallet_id_wallets_id_fk" FOREIGN KEY ("purchasing_wallet_id") REFERENCES "public"."wallets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "escrow_events_reference_idx" ON "escrow_events" USING btree ("network","reference");--> statement-breakpoint
CREATE INDEX "escrow_events_out_ref_idx" ON "escrow_events" USING btree ("tx_hash","output_index");--> statement-breakpoint
CREATE INDEX "escrow_events_height_idx" ON "escrow_events" USING btree ("network","block_height");--> statement-breakpoint
CREATE UNIQUE INDEX "purchases_blockchain_identifier_key" ON "purchases" USING btree ("blockchain_identifier");--> statement-breakpoint
CREATE INDEX "purchases_escrow_reference_idx" ON "purchases" USING btree ("escrow_reference");--> statement-breakpoint
CREATE INDEX "purchases_page_idx" ON "purchases" USING btree ("network","created_at_ms","id");--> statement-breakpoint
CREATE INDEX "purchases_state_idx" ON "purchases" USING btree ("network","state");--> statement-breakpoint
CREATE INDEX "chain_txs_spent_inputs_idx" ON "chain_txs" USING gin ("spent_inputs");