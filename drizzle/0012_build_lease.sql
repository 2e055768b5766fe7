ALTER TABLE "wallets" ADD COLUMN "build_lease" text;--> statement-breakpoint
ALTER TABLE "wallets" ADD COLUMN "build_lease_until_ms" bigint;--> statement-breakpoint
ALTER TABLE "wallets" ADD COLUMN "build_lease_pid" integer;