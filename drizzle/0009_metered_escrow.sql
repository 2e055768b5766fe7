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
ALTER TABLE "escrow_events" ADD COLUMN "action" text;--> statement-breakpoint
ALTER TABLE "escrow_events" ADD COLUMN "paid_to_seller" text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE "escrow_events" ADD COLUMN "paid_to_buyer" text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "auto_release" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "price_sheet" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "price_sheet_hash" text;--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "auto_release" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "price_sheet" text;--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "price_sheet_hash" text;--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "reported_usage" text;--> statement-breakpoint
CREATE INDEX "vouchers_escrow_idx" ON "vouchers" USING btree ("network","escrow_id");