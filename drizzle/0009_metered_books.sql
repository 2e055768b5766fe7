ALTER TABLE "escrow_events" ADD COLUMN "action" text;--> statement-breakpoint
ALTER TABLE "escrow_events" ADD COLUMN "paid_to_seller" text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE "escrow_events" ADD COLUMN "paid_to_buyer" text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "auto_release" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "price_sheet" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "price_sheet_hash" text;--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "auto_release" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "price_sheet" text;--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "price_sheet_hash" text;--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "reported_usage" text;