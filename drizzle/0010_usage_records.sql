CREATE TABLE "usage_records" (
	"id" text PRIMARY KEY NOT NULL,
	"principal_id" text NOT NULL,
	"usage_id" text NOT NULL,
	"network" text NOT NULL,
	"blockchain_identifier" text NOT NULL,
	"role" text NOT NULL,
	"subject_id" text NOT NULL,
	"usage" text NOT NULL,
	"amounts" text,
	"created_at_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "usage_records_principal_usage_key" ON "usage_records" USING btree ("principal_id","usage_id");--> statement-breakpoint
CREATE INDEX "usage_records_identifier_idx" ON "usage_records" USING btree ("network","blockchain_identifier","created_at_ms");