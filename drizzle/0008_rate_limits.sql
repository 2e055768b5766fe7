CREATE TABLE "rate_limits" (
	"bucket" text PRIMARY KEY NOT NULL,
	"window_start_ms" bigint NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rate_limits_window_start_ms_idx" ON "rate_limits" USING btree ("window_start_ms");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_at_ms_idx" ON "idempotency_keys" USING btree ("created_at_ms");--> statement-breakpoint
-- Stored answers were scoped by a SHA-256 of the raw token (the admin key's among them); they are
-- now scoped by the key's id, so the old rows could never be replayed and are dropped.
DELETE FROM "idempotency_keys";
