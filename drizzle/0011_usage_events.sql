CREATE TABLE "event_deliveries" (
	"event_id" text NOT NULL,
	"target_id" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"next_attempt_at_ms" bigint NOT NULL,
	"lease_until_ms" bigint,
	"first_attempt_at_ms" bigint,
	"dispatched_at_ms" bigint,
	"created_at_ms" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL,
	CONSTRAINT "event_deliveries_event_id_target_id_pk" PRIMARY KEY("event_id","target_id")
);
--> statement-breakpoint
CREATE TABLE "event_targets" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"config" text NOT NULL,
	"event_types" text NOT NULL,
	"secret" text,
	"previous_secret" text,
	"previous_secret_until_ms" bigint,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at_ms" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_events" (
	"id" text PRIMARY KEY NOT NULL,
	"network" text NOT NULL,
	"type" text NOT NULL,
	"role" text NOT NULL,
	"subject_id" text NOT NULL,
	"blockchain_identifier" text NOT NULL,
	"agent_identifier" text NOT NULL,
	"tx_hash" text,
	"chain_time_ms" bigint,
	"created_at_ms" bigint NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_deliveries" ADD CONSTRAINT "event_deliveries_event_id_usage_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."usage_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_deliveries" ADD CONSTRAINT "event_deliveries_target_id_event_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."event_targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_deliveries_due_idx" ON "event_deliveries" USING btree ("status","next_attempt_at_ms");--> statement-breakpoint
CREATE INDEX "event_deliveries_target_idx" ON "event_deliveries" USING btree ("target_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "event_targets_name_key" ON "event_targets" USING btree ("name");--> statement-breakpoint
CREATE INDEX "usage_events_page_idx" ON "usage_events" USING btree ("created_at_ms","id");--> statement-breakpoint
CREATE INDEX "usage_events_type_idx" ON "usage_events" USING btree ("type","created_at_ms");--> statement-breakpoint
CREATE INDEX "usage_events_agent_idx" ON "usage_events" USING btree ("agent_identifier","created_at_ms");--> statement-breakpoint
CREATE INDEX "usage_events_identifier_idx" ON "usage_events" USING btree ("blockchain_identifier","created_at_ms");