import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KIND, freshDatabase, type TestDatabase } from "../../test/support/db.ts";
import { PAINTER } from "../../test/support/registry-agents.ts";
import { REGISTRY_UPDATE_KIND } from "../chain/builders/registry-common.ts";
import { chainTxs, intents, registryRequests } from "../db/schema.ts";
import { encodeAgentMetadata } from "../domain/mip002.ts";
import { createWallet } from "../services/wallets.ts";
import { createRegistrySync } from "./registry-sync.ts";

let database: TestDatabase;
let walletId: string;
const ASSET = `${"ab".repeat(29)}000000`;

beforeAll(async () => {
  database = await freshDatabase();
  const wallet = await createWallet(database.db, {
    role: "selling",
    network: "preprod",
    encryptionKeyHex: "33".repeat(32),
    nowMs: 0,
  });
  walletId = wallet.id;
});
afterAll(async () => {
  await database?.close();
});

/** An update request whose intent is done, carrying `metadata` in its payload. */
async function confirmedUpdate(id: string, metadata: unknown) {
  const txHash = id.padEnd(64, "0");
  await database.db.insert(chainTxs).values({
    txHash,
    walletId,
    kind: REGISTRY_UPDATE_KIND,
    cbor: "00",
    spentInputs: [],
    status: "confirmed",
    invalidHereafterSlot: 0,
    submitAttempts: 1,
    createdAtMs: 0,
    updatedAtMs: 0,
  });
  await database.db.insert(registryRequests).values({
    id,
    network: "preprod",
    walletId,
    agentIdentifier: `${"cd".repeat(28)}${id}`,
    assetName: ASSET,
    metadata: "{}",
    state: "UpdateInitiated",
    currentTxHash: txHash,
    createdAtMs: 0,
    updatedAtMs: 0,
  });
  await database.db.insert(intents).values({
    id: `intent-${id}`,
    kind: REGISTRY_UPDATE_KIND,
    walletId,
    subjectId: id,
    payload: JSON.stringify({ assetName: ASSET, metadata }),
    status: "done",
    txHash,
    attempts: 1,
    notBeforeMs: 0,
    createdAtMs: 0,
    updatedAtMs: 0,
  });
}

describe(`the registry sync (${DB_KIND})`, () => {
  it("follows every request even when one of them cannot be followed", async () => {
    // The first in id order carries metadata the decoder refuses (a NUL in the name).
    await confirmedUpdate("aa", { ...encodeAgentMetadata(PAINTER), name: "Evil\u0000" });
    await confirmedUpdate("bb", encodeAgentMetadata(PAINTER));
    const logged: string[] = [];
    const sync = createRegistrySync({
      db: database.db,
      log: (l) => logged.push(l),
      nowMs: () => 1,
    });
    await sync.tick();
    const state = async (id: string) =>
      (await database.db.select().from(registryRequests).where(eq(registryRequests.id, id)))[0]!
        .state;
    expect(await state("bb")).toBe("UpdateConfirmed");
    expect(await state("aa")).toBe("UpdateInitiated");
    expect(logged.join("\n")).toContain("registry sync: request aa: ");
  });
});
