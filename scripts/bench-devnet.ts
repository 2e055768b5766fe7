/**
 * Devnet benchmark: transactions per second submitted and confirmed, and the latency of
 * `addresses/{address}/utxos`, through the HTTP API and with the ledger called in-process, so
 * the HTTP overhead reads as a ratio.
 *
 *   npm run bench:devnet            a summary on stdout (JSON with ratios)
 *   npm run bench:devnet -- --json  only the six figures, one JSON object on stdout
 *
 * Signed transactions are built before the clock starts (each spends its own faucet-funded
 * UTxO), so the figures measure submission and confirmation, not building.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { MeshTxBuilder, type UTxO } from "@meshsdk/core";
import { startDevnet, type RunningDevnet } from "../src/devnet/index.ts";
import { addressUtxosPage } from "../src/devnet/http/routes-addresses.ts";
import { DEVNET_MESH_PARAMS } from "../src/devnet/params.ts";
import { newWallet, type TestWallet } from "../src/devnet/test-support.ts";

const TXS = 200;
const QUERIES = 500;
const SUBMIT_CONCURRENCY = 8;
const OUTPUT_LOVELACE = 2_000_000n;
const BLOCK_INTERVAL_MS = 50;
const CONFIRM_TIMEOUT_MS = 30_000;

const jsonOnly = process.argv.includes("--json");
const progress = (line: string) => process.stderr.write(`bench-devnet: ${line}\n`);

/** One transaction with `count` outputs of 2 ADA to the wallet, spending `funding`. */
async function split(devnet: RunningDevnet, w: TestWallet, funding: string, count: number) {
  const [input] = devnet.ledger.emulatorUtxos(w.address).filter((u) => u.input.txHash === funding);
  if (!input) throw new Error(`no output of ${funding}`);
  const b = new MeshTxBuilder({ params: DEVNET_MESH_PARAMS }).txIn(
    input.input.txHash,
    input.input.outputIndex,
    input.output.amount,
    input.output.address,
    0,
  );
  for (let i = 0; i < count; i++) {
    b.txOut(w.address, [{ unit: "lovelace", quantity: OUTPUT_LOVELACE.toString() }]);
  }
  const hash = devnet.ledger.submit(
    await w.wallet.signTx(await b.changeAddress(w.address).complete()),
  );
  await devnet.ledger.waitForTx(hash, CONFIRM_TIMEOUT_MS);
  return hash;
}

/** `count` signed transactions, each spending one output of `splitHash` back to the wallet. */
async function prebuild(w: TestWallet, splitHash: string, count: number): Promise<string[]> {
  const signed: string[] = [];
  for (let i = 0; i < count; i++) {
    const amount: UTxO["output"]["amount"] = [
      { unit: "lovelace", quantity: OUTPUT_LOVELACE.toString() },
    ];
    // All input facts are given (scriptSize 0: no script), so Mesh needs no fetcher.
    const unsigned = await new MeshTxBuilder({ params: DEVNET_MESH_PARAMS })
      .txIn(splitHash, i, amount, w.address, 0)
      .changeAddress(w.address)
      .complete();
    signed.push(await w.wallet.signTx(unsigned));
  }
  return signed;
}

async function prepare(devnet: RunningDevnet) {
  const w = await newWallet();
  const fund = () =>
    devnet.ledger.faucet(w.address, { lovelace: BigInt(TXS + 10) * OUTPUT_LOVELACE });
  const fundings = [await fund(), await fund()];
  for (const f of fundings) await devnet.ledger.waitForTx(f, CONFIRM_TIMEOUT_MS);
  const splits = [
    await split(devnet, w, fundings[0]!, TXS),
    await split(devnet, w, fundings[1]!, TXS),
  ];
  return {
    w,
    http: await prebuild(w, splits[0]!, TXS),
    inProcess: await prebuild(w, splits[1]!, TXS),
  };
}

async function submitOverHttp(devnet: RunningDevnet, txs: string[]): Promise<number> {
  const started = performance.now();
  const accepted: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < txs.length) {
      const tx = txs[next++]!;
      const res = await fetch(`${devnet.blockfrostUrl}/tx/submit`, {
        method: "POST",
        headers: { "Content-Type": "application/cbor" },
        body: Buffer.from(tx, "hex"),
      });
      if (res.status !== 200) throw new Error(`submit: ${res.status} ${await res.text()}`);
      accepted.push((await res.json()) as string);
    }
  };
  await Promise.all(Array.from({ length: SUBMIT_CONCURRENCY }, worker));
  // Blocks take the mempool in arrival order: once the last accepted is in, all are.
  const last = accepted[accepted.length - 1]!;
  const deadline = performance.now() + CONFIRM_TIMEOUT_MS;
  while ((await fetch(`${devnet.blockfrostUrl}/txs/${last}`)).status !== 200) {
    if (performance.now() > deadline) throw new Error(`${last} not confirmed in time`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const elapsedMs = performance.now() - started;
  for (const h of accepted) if (!devnet.ledger.index.tx(h)) throw new Error(`${h} not confirmed`);
  return (txs.length / elapsedMs) * 1000;
}

async function submitInProcess(devnet: RunningDevnet, txs: string[]): Promise<number> {
  const started = performance.now();
  let last = "";
  for (const tx of txs) last = devnet.ledger.submit(tx);
  await devnet.ledger.waitForTx(last, CONFIRM_TIMEOUT_MS);
  return (txs.length / (performance.now() - started)) * 1000;
}

function percentiles(samplesMs: number[]): { p50: number; p99: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { p50: round(at(0.5)), p99: round(at(0.99)) };
}

async function utxosLatency(devnet: RunningDevnet, address: string) {
  const http: number[] = [];
  const inProcess: number[] = [];
  const paging = { count: 100, page: 1, order: "asc" as const };
  for (let i = 0; i < QUERIES; i++) {
    let t = performance.now();
    const res = await fetch(`${devnet.blockfrostUrl}/addresses/${address}/utxos?count=100`);
    if (((await res.json()) as unknown[]).length !== 100) throw new Error("expected a full page");
    http.push(performance.now() - t);
    t = performance.now();
    if (addressUtxosPage(devnet.ledger.index, address, paging)?.length !== 100) {
      throw new Error("expected a full page of UTxOs in-process");
    }
    inProcess.push(performance.now() - t);
  }
  return { http: percentiles(http), inProcess: percentiles(inProcess) };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "escrowd-bench-devnet-"));
  const devnet = await startDevnet({ dataDir, blockIntervalMs: BLOCK_INTERVAL_MS });
  try {
    progress(`building ${2 * TXS} signed transactions`);
    const { w, http, inProcess } = await prepare(devnet);
    progress(`submitting ${TXS} over HTTP (${SUBMIT_CONCURRENCY} at a time)`);
    const httpSubmitTps = await submitOverHttp(devnet, http);
    progress(`submitting ${TXS} in-process`);
    const inProcessSubmitTps = await submitInProcess(devnet, inProcess);
    progress(`${QUERIES} addresses/{address}/utxos queries each way`);
    const latency = await utxosLatency(devnet, w.address);
    const figures = {
      httpSubmitTps: Math.round(httpSubmitTps * 10) / 10,
      inProcessSubmitTps: Math.round(inProcessSubmitTps * 10) / 10,
      httpUtxosP50Ms: latency.http.p50,
      httpUtxosP99Ms: latency.http.p99,
      inProcessUtxosP50Ms: latency.inProcess.p50,
      inProcessUtxosP99Ms: latency.inProcess.p99,
    };
    if (jsonOnly) {
      process.stdout.write(JSON.stringify(figures) + "\n");
      return;
    }
    const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);
    const summary = {
      ...figures,
      txs: TXS,
      queries: QUERIES,
      blockIntervalMs: BLOCK_INTERVAL_MS,
      submitInProcessOverHttp: ratio(figures.inProcessSubmitTps, figures.httpSubmitTps),
      utxosP50HttpOverInProcess: ratio(figures.httpUtxosP50Ms, figures.inProcessUtxosP50Ms),
    };
    process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
  } finally {
    await devnet.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  progress(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
