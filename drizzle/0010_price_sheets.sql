CREATE TABLE "price_sheets" (
	"network" text NOT NULL,
	"agent_identifier" text NOT NULL,
	"sheet" text NOT NULL,
	"hash" text NOT NULL,
	"created_at_ms" bigint NOT NULL,
	"updated_at_ms" bigint NOT NULL,
	CONSTRAINT "price_sheets_network_agent_identifier_pk" PRIMARY KEY("network","agent_identifier")
);
