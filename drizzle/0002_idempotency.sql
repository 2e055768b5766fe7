CREATE TABLE "idempotency_keys" (
	"principal_id" text NOT NULL,
	"key" text NOT NULL,
	"route" text NOT NULL,
	"request_body" text NOT NULL,
	"status" integer,
	"response_body" text,
	"created_at_ms" bigint NOT NULL,
	CONSTRAINT "idempotency_keys_principal_id_key_pk" PRIMARY KEY("principal_id","key")
);
