/**
 * The escrow a node uses, from its configuration: the script's parameters (admins, threshold,
 * cooldown) fix its address, so every node that trades with another must be configured alike.
 * At boot the node makes sure the escrow is deployed (the reference script published and the
 * reward address registered), paying from its first selling wallet, once for everyone.
 */
import { readFile } from "node:fs/promises";
import type { EscrowParameters } from "../../contracts/index.ts";
import {
  DEVNET_ESCROW_ADMINS,
  devnetEscrowParams,
  loadEscrowAdmins,
  type EscrowAdmins,
} from "../chain/escrow/admins.ts";
import { queueEscrowDeploy } from "../chain/escrow/deploy-queue.ts";
import { escrowFacts, type EscrowFacts } from "../chain/escrow/deployment.ts";
import { createMeshFetcher } from "../chain/mesh.ts";
import type { ChainPort } from "../chain/port.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { Log } from "../log.ts";
import type { WalletInfo } from "./wallets.ts";

export interface NodeEscrow {
  facts: EscrowFacts;
  /** The admin keys this node holds (none unless configured): they resolve disputes. */
  admins: EscrowAdmins;
}

/** Reads the admin mnemonics file: one mnemonic per line, words separated by spaces. */
async function readMnemonics(file: string): Promise<string[][]> {
  const text = await readFile(file, "utf8");
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => l.split(/\s+/));
}

export async function loadNodeEscrow(opts: {
  config: Config;
  db: Db;
  chain: ChainPort;
  wallets: WalletInfo[];
  nowMs: () => number;
  log: Log;
}): Promise<NodeEscrow> {
  const { config } = opts;
  const e = config.escrow;
  const params: EscrowParameters =
    e.admins === "devnet"
      ? { ...devnetEscrowParams(), cooldownMs: e.cooldownMs }
      : {
          adminKeyHashes: e.admins,
          disputeThreshold: e.disputeThreshold,
          cooldownMs: e.cooldownMs,
        };
  const facts = escrowFacts(params, config.network);
  const mnemonics = e.adminMnemonicsFile
    ? await readMnemonics(e.adminMnemonicsFile)
    : e.admins === "devnet"
      ? DEVNET_ESCROW_ADMINS.map((m) => [...m])
      : [];
  const admins = await loadEscrowAdmins(mnemonics, config.network);
  const foreign = admins.keyHashes.filter((k) => !params.adminKeyHashes.includes(k));
  if (foreign.length > 0)
    throw new Error(`ESCROW_ADMIN_MNEMONICS_FILE: holds keys that are not escrow admins`);
  await ensureDeployed(opts, facts);
  return { facts, admins };
}

async function ensureDeployed(
  opts: Parameters<typeof loadNodeEscrow>[0],
  facts: EscrowFacts,
): Promise<void> {
  const payer = opts.wallets.find((w) => w.role === "selling");
  if (payer === undefined) return;
  const params = await opts.chain.protocolParams();
  const result = await queueEscrowDeploy(opts.db, {
    facts,
    walletId: payer.id,
    fetcher: createMeshFetcher(opts.chain),
    keyDepositLovelace: params.keyDepositLovelace,
    nowMs: opts.nowMs(),
  });
  if (result.kind === "queued")
    opts.log(`escrow: deploying ${facts.script.hash} (${result.missing.join(", ")})`);
}
