/**
 * The operator side of the agent registry: register, update and deregister this node's agents.
 * Each request is checked, then written as a `registry_requests` row and a submitter intent in
 * one db transaction; the registry sync (workers/registry-sync.ts) moves the row's state along
 * as the submitter carries the intent to the chain.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { registryStem } from "../../contracts/index.ts";
import {
  REGISTRY_BURN_KIND,
  REGISTRY_MINT_KIND,
  REGISTRY_POLICY,
  REGISTRY_UPDATE_KIND,
} from "../chain/builders/registry-common.ts";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { registryRequests, wallets } from "../db/schema.ts";
import {
  type AgentMetadata,
  encodeAgentMetadata,
  type RegistrationRequest,
  type UpdateRequest,
} from "../domain/mip002.ts";
import { queueIntent } from "./intents.ts";

export type RegistryRow = typeof registryRequests.$inferSelect;
export type RegistryState = RegistryRow["state"];

/** An expected refusal: `invalid` (400), `notFound` (404) or `conflict` (409), naming the field. */
export class RegistryError extends Error {
  constructor(
    readonly kind: "invalid" | "notFound" | "conflict",
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** States in which the node holds the agent's NFT and nothing is under way. */
const SETTLED: readonly RegistryState[] = [
  "RegistrationConfirmed",
  "UpdateConfirmed",
  "UpdateFailed",
  "DeregistrationFailed",
];

/** Writes the domain agent as JSON, amounts as strings. */
export function agentToJson(agent: AgentMetadata): string {
  return JSON.stringify(agent, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** Reads an agent written by agentToJson (every `amount` back to bigint). */
export function agentFromJson(json: string): AgentMetadata {
  return JSON.parse(json, (k, v: unknown) =>
    k === "amount" && typeof v === "string" ? BigInt(v) : v,
  ) as AgentMetadata;
}

/**
 * The stable agent identifier (policy id + 29-byte stem, 114 hex) of an identifier given as
 * that or as policy id + a full asset name (120 hex); undefined for anything else.
 */
export function normaliseAgentIdentifier(raw: string): string | undefined {
  const id = raw.toLowerCase();
  if (!id.startsWith(REGISTRY_POLICY.hash)) return undefined;
  if (id.length === 114) return id;
  if (id.length === 120) return REGISTRY_POLICY.hash + registryStem(id.slice(56));
  return undefined;
}

interface Ctx {
  db: Db;
  network: Network;
  nowMs: number;
}

function checkNetwork(ctx: Ctx, network: Network): void {
  if (network !== ctx.network) {
    throw new RegistryError("invalid", `network: this node runs on ${ctx.network}`, "network");
  }
}

/** One of this node's wallets on its network, by a column, or a 400 naming `field`. */
async function nodeWallet(
  ctx: Ctx,
  where: { paymentKeyHash?: string; address?: string },
  field: string,
) {
  const match = where.paymentKeyHash
    ? eq(wallets.paymentKeyHash, where.paymentKeyHash)
    : eq(wallets.address, where.address ?? "");
  const [row] = await ctx.db
    .select()
    .from(wallets)
    .where(and(eq(wallets.network, ctx.network), match))
    .limit(1);
  if (!row || (field === "sellingWalletVkey" && row.role !== "selling")) {
    const what = field === "sellingWalletVkey" ? "a selling wallet" : "a wallet";
    throw new RegistryError(
      "invalid",
      `${field}: is not ${what} of this node on ${ctx.network}`,
      field,
    );
  }
  return row;
}

/** Queues the mint of a new agent; returns its row (state RegistrationRequested). */
export async function requestRegistration(
  ctx: Ctx,
  req: RegistrationRequest,
): Promise<RegistryRow> {
  checkNetwork(ctx, req.network);
  const seller = await nodeWallet(
    ctx,
    { paymentKeyHash: req.sellingWalletVkey },
    "sellingWalletVkey",
  );
  const recipient = req.recipientWalletAddress
    ? await nodeWallet(ctx, { address: req.recipientWalletAddress }, "recipientWalletAddress")
    : undefined;
  const row: RegistryRow = {
    id: randomUUID(),
    network: ctx.network,
    walletId: seller.id,
    recipientWalletId: recipient && recipient.id !== seller.id ? recipient.id : null,
    agentIdentifier: null,
    assetName: null,
    metadata: agentToJson(req.agent),
    state: "RegistrationRequested",
    error: null,
    currentTxHash: null,
    createdAtMs: ctx.nowMs,
    updatedAtMs: ctx.nowMs,
  };
  const payload = {
    requestId: row.id,
    metadata: encodeAgentMetadata(req.agent),
    recipientAddress: (recipient ?? seller).address,
    lovelace: (req.sendFundingLovelace ?? 0n).toString(),
  };
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await db.insert(registryRequests).values(row);
    await queueIntent(db, {
      kind: REGISTRY_MINT_KIND,
      walletId: seller.id,
      subjectId: row.id,
      payload,
      nowMs: ctx.nowMs,
    });
  });
  return row;
}

/** This node's agent with this identifier (either form), or a 404 naming `agentIdentifier`. */
export async function agentByIdentifier(
  ctx: Omit<Ctx, "nowMs">,
  raw: string,
): Promise<RegistryRow> {
  const id = normaliseAgentIdentifier(raw);
  const [row] = id
    ? await ctx.db
        .select()
        .from(registryRequests)
        .where(
          and(eq(registryRequests.network, ctx.network), eq(registryRequests.agentIdentifier, id)),
        )
        .limit(1)
    : [];
  if (!row)
    throw new RegistryError(
      "notFound",
      "agentIdentifier: no agent of this node has it",
      "agentIdentifier",
    );
  return row;
}

/** Loads the agent and checks that it may take an update or deregistration now (else 409). */
async function settledAgent(ctx: Ctx, raw: string, action: string): Promise<RegistryRow> {
  const row = await agentByIdentifier(ctx, raw);
  if (!SETTLED.includes(row.state) || !row.assetName) {
    throw new RegistryError(
      "conflict",
      `cannot ${action} an agent in state ${row.state}`,
      "agentIdentifier",
    );
  }
  return row;
}

/**
 * Moves a settled agent to `state` and queues its intent, in one db transaction. The state is
 * checked again under the row lock so that two concurrent requests cannot both pass.
 */
async function queueAction(
  ctx: Ctx,
  row: RegistryRow,
  state: RegistryState,
  kind: string,
  payload: unknown,
) {
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const [locked] = await db
      .select()
      .from(registryRequests)
      .where(eq(registryRequests.id, row.id))
      .for("update");
    if (!locked || !SETTLED.includes(locked.state)) {
      throw new RegistryError(
        "conflict",
        `the agent is now in state ${locked?.state}`,
        "agentIdentifier",
      );
    }
    await db
      .update(registryRequests)
      .set({ state, error: null, currentTxHash: null, updatedAtMs: ctx.nowMs })
      .where(eq(registryRequests.id, row.id));
    const walletId = row.recipientWalletId ?? row.walletId;
    await queueIntent(db, { kind, walletId, subjectId: row.id, payload, nowMs: ctx.nowMs });
  });
  return { ...row, state, error: null, currentTxHash: null, updatedAtMs: ctx.nowMs };
}

/** Queues new metadata for an agent this node holds (burn version v, mint v+1). */
export async function requestUpdate(ctx: Ctx, req: UpdateRequest): Promise<RegistryRow> {
  checkNetwork(ctx, req.network);
  const row = await settledAgent(ctx, req.agentIdentifier, "update");
  const holderId = row.recipientWalletId ?? row.walletId;
  const [holder] = await ctx.db.select().from(wallets).where(eq(wallets.id, holderId));
  // The NFT stays with the wallet that holds it, which alone can sign the next update or burn.
  if (req.recipientWalletAddress && req.recipientWalletAddress !== holder!.address) {
    throw new RegistryError(
      "invalid",
      "recipientWalletAddress: an update keeps the NFT with its holder",
      "recipientWalletAddress",
    );
  }
  // An update that does not name a price sheet keeps the one committed with the agent, so
  // editing a description does not silently withdraw the published sheet.
  const committed = agentFromJson(row.metadata).priceSheetHash;
  const agent =
    req.agent.priceSheetHash === undefined && committed !== undefined
      ? { ...req.agent, priceSheetHash: committed }
      : req.agent;
  const payload = {
    requestId: row.id,
    assetName: row.assetName,
    metadata: encodeAgentMetadata(agent),
    recipientAddress: holder!.address,
    lovelace: (req.sendFundingLovelace ?? 0n).toString(),
  };
  return queueAction(ctx, row, "UpdateRequested", REGISTRY_UPDATE_KIND, payload);
}

/** Queues the burn of an agent this node holds. */
export async function requestDeregistration(
  ctx: Ctx,
  req: { network: Network; agentIdentifier: string },
): Promise<RegistryRow> {
  checkNetwork(ctx, req.network);
  const row = await settledAgent(ctx, req.agentIdentifier, "deregister");
  const payload = { requestId: row.id, assetName: row.assetName };
  return queueAction(ctx, row, "DeregistrationRequested", REGISTRY_BURN_KIND, payload);
}
