/**
 * `escrowd demo`: a node with its devnet on a fresh data directory, then, through the node's own
 * API as an operator would use it, an agent registered, a paid job (locked, result submitted,
 * the dispute window passed, the seller paid), a refund (no result by the deadline: the buyer
 * refunded) and a metered job (paid per token: the seller gets the charge, the buyer the rest).
 * Each step prints the time it took; at the end, where to look.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { loadConfig } from "../config.ts";
import type { Log } from "../log.ts";
import { SCHEDULER_MARGIN_MS } from "../domain/payment-times.ts";
import type { RunningNode } from "../node.ts";
import { demoClient, type DemoClient } from "./demo-client.ts";
import { DEVNET_USDM_UNIT } from "../devnet/genesis.ts";

export interface DemoOptions {
  dataDir: string;
  host: string;
  port: number;
  /** Where progress lines go. */
  out: (line: string) => void;
  /** The node's own log (quiet by default: the demo's lines are the story). */
  log: Log;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const PRICE = "5000000"; // 5 tUSDM, 6 decimals
// Per million tokens, in tUSDM base units.
const TOKEN_SHEET = {
  model: "tokens",
  inputPricePer1MTokens: "2000000",
  outputPricePer1MTokens: "6000000",
};
const TOKEN_USAGE = { inputTokens: "120000", outputTokens: "45000" };

/** Refuses a data directory that already holds something: the demo starts from nothing. */
async function freshDir(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [];
    throw err;
  });
  if (entries.length > 0) throw new Error(`--data-dir ${dir} is not empty; the demo starts fresh`);
}

/** Runs the demo; resolves with the node still running once every step is done. */
export async function runDemo(opts: DemoOptions): Promise<RunningNode> {
  await freshDir(opts.dataDir);
  const started = Date.now();
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const value = await work();
    opts.out(`✓ ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return value;
  };
  const { startNode } = await import("../node.ts");
  const config = loadConfig({
    ...process.env,
    DATA_DIR: opts.dataDir,
    HOST: opts.host,
    PORT: String(opts.port),
    CHAIN_BACKEND: "devnet",
    DATABASE_URL: "",
    NETWORK: "preprod",
    DEVNET_BLOCK_INTERVAL_MS: "250",
  });
  const node = await step("node started with its devnet, wallets funded by the faucet", () =>
    startNode(config, opts.log),
  );
  let paymentId: string;
  try {
    paymentId = await scenario(node, step, opts);
  } catch (err) {
    await node.close();
    throw err;
  }
  const origin = node.apiUrl.replace(/\/api\/v1$/, "");
  opts.out(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  opts.out(`  dashboard   ${origin}/`);
  opts.out(`  API docs    ${origin}/docs`);
  opts.out(`  metrics     ${origin}/metrics`);
  opts.out(`  admin key   in ${path.join(opts.dataDir, "keys", "admin.key")}`);
  opts.out(`  the paid job's blockchainIdentifier:\n${paymentId}`);
  return node;
}

type Step = <T>(label: string, work: () => Promise<T>) => Promise<T>;

/** The steps; answers the paid job's blockchainIdentifier. */
async function scenario(node: RunningNode, step: Step, opts: DemoOptions): Promise<string> {
  const parts = node.parts!;
  const c = demoClient(node.apiUrl, parts.keys.adminKey, parts.devnet!.url);
  const seller = parts.wallets.find((w) => w.role === "selling")!;
  const usdm = DEVNET_USDM_UNIT;
  const agent = await step("agent registered on chain (an NFT with MIP-002 metadata)", () =>
    registerAgent(c, seller.paymentKeyHash, usdm),
  );
  opts.out(`  agent       ${agent}`);

  const paid = await step("paid job: the buyer's 5 tUSDM locked in escrow", () =>
    buy(c, node, agent, {}),
  );
  await step("paid job: result hash submitted by the seller", async () => {
    await c.api("POST", "/payment/submit-result", {
      network: "Preprod",
      blockchainIdentifier: paid.id,
      submitResultHash: "a".repeat(64),
    });
    await c.inState("payment", paid.id, "ResultSubmitted");
  });
  await step("paid job: dispute window passed, seller paid (Withdrawn)", async () => {
    await c.moveTimeTo(Number(paid.payment.unlockTime) + SCHEDULER_MARGIN_MS + MINUTE_MS);
    await c.inState("payment", paid.id, "Withdrawn");
    await c.inState("purchase", paid.id, "Withdrawn");
  });

  const refund = await step("refund: a second job locked", () => buy(c, node, agent, {}));
  await step(
    "refund: no result by the deadline, the buyer refunded (RefundWithdrawn)",
    async () => {
      await c.moveTimeTo(Number(refund.payment.submitResultTime) + SCHEDULER_MARGIN_MS + MINUTE_MS);
      await c.inState("purchase", refund.id, "RefundWithdrawn");
    },
  );

  const sheet = { ...TOKEN_SHEET, unit: usdm };
  const metered = await step("metered job: locked under a per-token price sheet", () =>
    buy(c, node, agent, { priceSheet: sheet }),
  );
  await step("metered job: 120,000 input + 45,000 output tokens reported and claimed", async () => {
    await c.api("POST", "/purchase/usage", {
      network: "Preprod",
      blockchainIdentifier: metered.id,
      usage: TOKEN_USAGE,
    });
    await c.api("POST", "/payment/submit-result", {
      network: "Preprod",
      blockchainIdentifier: metered.id,
      submitResultHash: "b".repeat(64),
      usage: TOKEN_USAGE,
    });
    await c.inState("payment", metered.id, "ResultSubmitted");
  });
  const settled = await step(
    "metered job: seller paid the charge, the rest back to the buyer",
    async () => {
      await c.moveTimeTo(Number(metered.payment.unlockTime) + SCHEDULER_MARGIN_MS + MINUTE_MS);
      return c.inState("payment", metered.id, "Withdrawn");
    },
  );
  const books = (
    settled.meter.amounts as { unit: string; paidToSeller: string; paidToBuyer: string }[]
  ).find((a) => a.unit === usdm);
  opts.out(
    `  metered     ${usdmText(books?.paidToSeller)} tUSDM to the seller, ${usdmText(books?.paidToBuyer)} tUSDM back to the buyer`,
  );
  return paid.id;
}

/** Base units of a 6-decimal token as `12.500000`. */
function usdmText(base: string | undefined): string {
  const n = BigInt(base ?? "0");
  return `${n / 1_000_000n}.${(n % 1_000_000n).toString().padStart(6, "0")}`;
}

async function registerAgent(c: DemoClient, sellerVkey: string, usdm: string): Promise<string> {
  const created = await c.api("POST", "/registry", {
    network: "Preprod",
    sellingWalletVkey: sellerVkey,
    name: "Demo summariser",
    description: "Summarises a document; the demo's agent.",
    apiBaseUrl: "http://127.0.0.1:8080/summariser",
    Capability: { name: "summariser", version: "1.0.0" },
    Author: { name: "escrowd demo" },
    Tags: ["demo"],
    ExampleOutputs: [],
    AgentPricing: { pricingType: "Fixed", Pricing: [{ unit: usdm, amount: PRICE }] },
  });
  const agent = await c.until("the registration to be confirmed", async () => {
    const list = await c.api("GET", "/registry?network=Preprod&limit=100");
    const entry = list.Assets.find((a: { id: string }) => a.id === created.id);
    return entry?.state === "RegistrationConfirmed" ? (entry.agentIdentifier as string) : undefined;
  });
  // Payment requests are checked against the node's own index of the chain's agents.
  await c.until("the explorer to index the agent", async () => {
    const page = await c.api("GET", "/registry-entry?limit=100");
    return page.RegistryEntries.some(
      (e: { agentIdentifier: string }) => e.agentIdentifier === agent,
    )
      ? true
      : undefined;
  });
  return agent;
}

let jobs = 0;

/** The seller's payment request, the buyer's purchase of it, and the lock seen on chain. */
async function buy(c: DemoClient, node: RunningNode, agent: string, metered: object) {
  jobs++;
  const now = node.parts!.nowMs();
  const submitResultTime = now + HOUR_MS;
  const payment = await c.api("POST", "/payment", {
    network: "Preprod",
    agentIdentifier: agent,
    identifierFromPurchaser: (0xde0000000000 + jobs).toString(16).padStart(14, "0"),
    inputHash: jobs.toString(16).padStart(64, "0"),
    payByTime: String(submitResultTime - 10 * MINUTE_MS),
    submitResultTime: String(submitResultTime),
    ...metered,
  });
  const id = payment.blockchainIdentifier as string;
  await c.api("POST", "/purchase", {
    network: "Preprod",
    blockchainIdentifier: id,
    inputHash: payment.inputHash,
    sellerVkey: payment.SmartContractWallet.walletVkey,
    agentIdentifier: agent,
    identifierFromPurchaser: payment.identifierFromPurchaser,
    payByTime: payment.payByTime,
    submitResultTime: payment.submitResultTime,
    unlockTime: payment.unlockTime,
    externalDisputeUnlockTime: payment.externalDisputeUnlockTime,
    ...metered,
  });
  await c.inState("payment", id, "FundsLocked");
  await c.inState("purchase", id, "FundsLocked");
  return { id, payment };
}
