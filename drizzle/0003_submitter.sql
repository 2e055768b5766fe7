CREATE TABLE "chain_txs" (
	"tx_hash" text PRIMARY KEY NOT NULL,
	"wallet_id" text NOT NULL,
	"kind" text NOT NULL,
	"cbor" text NOT NULL,
	"spent_inputs" text[] NOT NULL,
	"status" text NOT NULL,
	"invalid_hereafter_slot" bigint NOT NULL,
	"submit_attempts" integer NOT NULL,
	"block_height" bigint,
	"last_error" text,
	"created_at_ms" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intents" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"wallet_id" text NOT NULL,
	"subject_id" text,
	"payload" text NOT NULL,
	"status" text NOT NULL,
	"tx_hash" text,
	"attempts" integer NOT NULL,
	"last_error" text,
	"not_before_ms" bigint NOT NULL,
	"created_at_ms" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chain_txs" ADD CONSTRAINT "chain_txs_wallet_id_wallets_id_fk" FOREIGN KEY ("wallet_id") REFERENCES "public"."wallets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intents" ADD CONSTRAINT "intents_wallet_id_wallets_id_fk" FOREIGN KEY ("wallet_id") REFERENCES "public"."wallets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intents" ADD CONSTRAINT "intents_tx_hash_chain_txs_tx_hash_fk" FOREIGN KEY ("tx_hash") REFERENCES "public"."chain_txs"("tx_hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chain_txs_wallet_status_idx" ON "chain_txs" USING btree ("wallet_id","status");--> statement-breakpoint
CREATE INDEX "intents_queue_idx" ON "intents" USING btree ("status","wallet_id","kind","not_before_ms");--> statement-breakpoint
CREATE INDEX "intents_tx_idx" ON "intents" USING btree ("tx_hash");--> statement-breakpoint
CREATE INDEX "intents_subject_idx" ON "intents" USING btree ("subject_id");