CREATE TABLE "vouchers" (
	"subject_id" text PRIMARY KEY NOT NULL,
	"side" text NOT NULL,
	"network" text NOT NULL,
	"escrow_id" text NOT NULL,
	"script_hash" text NOT NULL,
	"reference" text NOT NULL,
	"unit" text NOT NULL,
	"total" bigint NOT NULL,
	"vkey" text NOT NULL,
	"signature" text NOT NULL,
	"count" integer NOT NULL,
	"created_at_ms" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL,
	CONSTRAINT "vouchers_total_positive" CHECK ("vouchers"."total" > 0)
);
--> statement-breakpoint
CREATE INDEX "vouchers_escrow_idx" ON "vouchers" USING btree ("network","escrow_id");