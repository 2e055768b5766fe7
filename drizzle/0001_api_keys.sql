CREATE TABLE "api_key_credits" (
	"api_key_id" text NOT NULL,
	"unit" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "api_key_credits_api_key_id_unit_pk" PRIMARY KEY("api_key_id","unit"),
	CONSTRAINT "api_key_credits_amount_nonnegative" CHECK ("api_key_credits"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"token_prefix" text NOT NULL,
	"can_read" boolean NOT NULL,
	"can_pay" boolean NOT NULL,
	"can_admin" boolean NOT NULL,
	"networks" text[] NOT NULL,
	"usage_limited" boolean NOT NULL,
	"status" text NOT NULL,
	"created_at_ms" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_key_credits" ADD CONSTRAINT "api_key_credits_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_token_hash_key" ON "api_keys" USING btree ("token_hash");