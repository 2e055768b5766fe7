/**
 * The registry through a whole node, as an operator and an explorer see it: agents registered
 * over HTTP in every pricing mode are minted by the node's own workers, confirmed, and listed by
 * the public explorer API with their metadata decoded back exactly; an update keeps the agent's
 * identifier; a deregistered agent shows as burned.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { startNode, type RunningNode } from "../src/node.ts";
import { freshDatabase, DB_KIND, type TestDatabase } from "./support/db.ts";
import { waitFor } from "./support/process.ts";
import { agentBody, TUSDM } from "./registry-fixtures.ts";

const PRICINGS = {
  free: { pricingType: "Free" },
  fixed: { pricingType: "Fixed", Pricing: [{ unit: TUSDM, amount: "2500000" }] },
  tiered: {
    pricingType: "Fixed",
    Tiers: [
      { name: "Basic", Pricing: [{ unit: TUSDM, amount: "1000000" }] },
      {
        name: "Pro",
        Pricing: [
          { unit: TUSDM, amount: "5000000" },
          { unit: "", amount: "2000000" },
        ],
      },
    ],
  },
  dynamic: { pricingType: "Dynamic" },
} as const;

let dir: string;
let database: TestDatabase | undefined;
let node: RunningNode;
let admin: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "escrowd-registry-e2e-"));
  const env: Record<string, string> = { DATA_DIR: dir, PORT: "0", DEVNET_BLOCK_INTERVAL_MS: "200" };
  if (DB_KIND === "postgres") {
    database = await freshDatabase();
    env.DATABASE_URL = database.url!;
  }
  node = await startNode(loadConfig(env), (l) => process.env.E2E_LOG && console.error(l));
  admin = node.parts!.keys.adminKey;
});

afterAll(async () => {
  await node?.close();
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

async function api(
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${node.apiUrl}${route}`, {
    method,
    headers: { token: admin, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** Waits until the operator API reports the registration in `state`, and returns it. */
function registration(id: string, state: string) {
  return waitFor(
    `registration ${id} to reach ${state}`,
    async () => {
      const list = await api("GET", "/registry?limit=100");
      const entry = list.body.data.Assets.find((a: { id: string }) => a.id === id);
      if (entry?.state?.endsWith("Failed")) throw new Error(`registration failed: ${entry.error}`);
      return entry?.state === state ? entry : undefined;
    },
    60_000,
    250,
  );
}

/** Waits until the explorer lists the agent and `check` accepts its entry. */
function explorerEntry(agentIdentifier: string, check: (e: any) => boolean) {
  return waitFor(
    `the explorer to list ${agentIdentifier}`,
    async () => {
      const res = await fetch(`${node.apiUrl}/registry-entry?limit=100`);
      const body = (await res.json()) as any;
      const entry = body.data.RegistryEntries.find(
        (e: any) => e.agentIdentifier === agentIdentifier,
      );
      return entry && check(entry) ? entry : undefined;
    },
    60_000,
    250,
  );
}

describe(`the registry end to end on ${DB_KIND}`, () => {
  const agents: Record<string, { id: string; agentIdentifier: string }> = {};

  it("registers an agent in every pricing mode and the explorer lists each exactly", async () => {
    const seller = node.parts!.wallets.find((w) => w.role === "selling")!;
    for (const [mode, pricing] of Object.entries(PRICINGS)) {
      const res = await api(
        "POST",
        "/registry",
        agentBody(seller.paymentKeyHash, `Agent ${mode}`, pricing),
      );
      expect(res.status).toBe(200);
      expect(res.body.data.state).toBe("RegistrationRequested");
      agents[mode] = { id: res.body.data.id, agentIdentifier: "" };
    }
    for (const [mode, pricing] of Object.entries(PRICINGS)) {
      const confirmed = await registration(agents[mode]!.id, "RegistrationConfirmed");
      expect(confirmed.agentIdentifier).toMatch(/^[0-9a-f]{114}$/);
      agents[mode]!.agentIdentifier = confirmed.agentIdentifier;
      const listed = await explorerEntry(confirmed.agentIdentifier, () => true);
      expect(listed).toMatchObject({
        name: `Agent ${mode}`,
        valid: true,
        status: "Active",
        holderAddress: seller.address,
        Tags: ["summary", "documents", "ünïcödé"],
        apiBaseUrl: "https://agents.example.com/summariser",
      });
      expect(listed.description).toBe(
        "Summarises documents; a description longer than sixty-four bytes, so it is chunked.",
      );
      expect(listed.AgentPricing.pricingType).toBe(pricing.pricingType);
    }
    const tiered = await explorerEntry(agents.tiered!.agentIdentifier, () => true);
    expect(tiered.AgentPricing.Tiers.map((t: { name: string }) => t.name)).toEqual([
      "Basic",
      "Pro",
    ]);
    const info = await fetch(
      `${node.apiUrl}/payment-information?agentIdentifier=${agents.fixed!.agentIdentifier}`,
    );
    expect(info.status).toBe(200);
    const payment = ((await info.json()) as any).data;
    expect(payment.SellerWallet.vkey).toBe(seller.paymentKeyHash);
    expect(payment.AgentPricing.Pricing).toEqual([{ unit: TUSDM, amount: "2500000" }]);
  });

  it("creates a signed payment request for a registered agent, once per Idempotency-Key", async () => {
    const body = {
      network: "Preprod",
      agentIdentifier: agents.fixed!.agentIdentifier,
      inputHash: "ab".repeat(32),
      identifierFromPurchaser: "0123456789abcdef",
      submitResultTime: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    };
    const send = () =>
      fetch(`${node.apiUrl}/payment`, {
        method: "POST",
        headers: { token: admin, "content-type": "application/json", "idempotency-key": "job-1" },
        body: JSON.stringify(body),
      });
    const first = await send();
    expect(first.status).toBe(200);
    const created = ((await first.json()) as any).data;
    expect(created.RequestedFunds).toEqual([{ unit: TUSDM, amount: "2500000" }]);
    const again = await send();
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as any).data.blockchainIdentifier).toBe(
      created.blockchainIdentifier,
    );
    const resolved = await api("POST", "/payment/resolve-blockchain-identifier", {
      network: "Preprod",
      blockchainIdentifier: created.blockchainIdentifier,
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.data.agentIdentifier).toBe(agents.fixed!.agentIdentifier);
    const listed = await api("GET", "/payment?network=Preprod&limit=10");
    expect(listed.body.data.Payments.map((p: any) => p.blockchainIdentifier)).toEqual([
      created.blockchainIdentifier,
    ]);
  });

  it("updates an agent under the same identifier and deregisters another", async () => {
    const seller = node.parts!.wallets.find((w) => w.role === "selling")!;
    const update = await api("POST", "/registry/update", {
      ...agentBody(seller.paymentKeyHash, "Agent fixed, renamed", PRICINGS.fixed),
      agentIdentifier: agents.fixed!.agentIdentifier,
    });
    expect(update.status).toBe(200);
    await registration(agents.fixed!.id, "UpdateConfirmed");
    const renamed = await explorerEntry(
      agents.fixed!.agentIdentifier,
      (e) => e.name === "Agent fixed, renamed",
    );
    expect(renamed.status).toBe("Active");

    const gone = await api("POST", "/registry/deregister", {
      network: "Preprod",
      agentIdentifier: agents.dynamic!.agentIdentifier,
    });
    expect(gone.status).toBe(200);
    await registration(agents.dynamic!.id, "DeregistrationConfirmed");
    await explorerEntry(agents.dynamic!.agentIdentifier, (e) => e.status === "Burned");
    const info = await fetch(
      `${node.apiUrl}/payment-information?agentIdentifier=${agents.dynamic!.agentIdentifier}`,
    );
    expect(info.status).toBe(410);
  });
});
