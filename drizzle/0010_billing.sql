CREATE TABLE "budget_spend" (
	"budget_id" text NOT NULL,
	"period_start_ms" bigint NOT NULL,
	"spent_amount" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL,
	CONSTRAINT "budget_spend_budget_id_period_start_ms_pk" PRIMARY KEY("budget_id","period_start_ms"),
	CONSTRAINT "budget_spend_nonnegative" CHECK ("budget_spend"."spent_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"id" text PRIMARY KEY NOT NULL,
	"network" text NOT NULL,
	"api_key_id" text,
	"agent_identifier" text,
	"period" text NOT NULL,
	"unit" text NOT NULL,
	"limit_amount" bigint NOT NULL,
	"per_request_ceiling" bigint,
	"created_by_id" text NOT NULL,
	"created_at_ms" bigint NOT NULL,
	CONSTRAINT "budgets_limit_nonnegative" CHECK ("budgets"."limit_amount" >= 0),
	CONSTRAINT "budgets_ceiling_nonnegative" CHECK ("budgets"."per_request_ceiling" >= 0)
);
--> statement-breakpoint
CREATE TABLE "price_sheets" (
	"network" text NOT NULL,
	"agent_identifier" text NOT NULL,
	"sheet" text NOT NULL,
	"hash" text NOT NULL,
	"created_at_ms" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL,
	CONSTRAINT "price_sheets_network_agent_identifier_pk" PRIMARY KEY("network","agent_identifier")
);
--> statement-breakpoint
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
ALTER TABLE "budget_spend" ADD CONSTRAINT "budget_spend_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budgets_scope_idx" ON "budgets" USING btree ("network","api_key_id","agent_identifier");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_records_principal_usage_key" ON "usage_records" USING btree ("principal_id","usage_id");--> statement-breakpoint
CREATE INDEX "usage_records_identifier_idx" ON "usage_records" USING btree ("network","blockchain_identifier","created_at_ms");