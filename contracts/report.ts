/**
 * `npm run contracts:report [-- --json]`: the contracts' cost report, measured on an
 * in-process devnet ledger with the escrow used as a reference script.
 *
 * With `--json`, stdout is exactly one JSON object:
 * `{"validators":[{name,sizeBytes,hash}],"actions":[{action,mem,steps,txBytes,maxPerTx}],
 *   "lock":{txBytes,maxPerTx}}`. `mem`/`steps`/`txBytes` are those of a transaction settling one
 * escrow (spend + batch redeemers); `maxPerTx` is the largest batch of that action (or of locks)
 * that fits 16,384 bytes, 14,000,000 memory and 10,000,000,000 steps.
 */
import { ESCROW_ACTIONS, type EscrowAction } from "./escrow/layout.ts";
import {
  largestFitting,
  lockCost,
  measureBatch,
  overLimit,
  readyEscrows,
  LIMITS,
} from "./report/measure.ts";
import { setup } from "./test-support/fixture.ts";

/** Batches are searched up to this size (more than any fits today). */
const SEARCH_MAX = 64;
const LOCK_SEARCH_MAX = 200;

export interface Report {
  validators: { name: string; sizeBytes: number; hash: string }[];
  actions: {
    action: EscrowAction;
    mem: number;
    steps: number;
    txBytes: number;
    maxPerTx: number;
  }[];
  lock: { txBytes: number; maxPerTx: number };
}

export async function buildReport(
  progress: (line: string) => void = () => undefined,
): Promise<Report> {
  const f = await setup();
  const validators = [
    { name: "escrow", sizeBytes: f.d.escrow.sizeBytes, hash: f.d.escrow.hash },
    { name: "registry", sizeBytes: f.d.registry.sizeBytes, hash: f.d.registry.hash },
  ];
  // Locks first, while the buyer's wallet is still a few large UTxOs (later payouts to the
  // buyer split it into many small ones, and coin selection would limit the batch instead).
  const lockOne = await lockCost(f, 1);
  const lockMax = await largestFitting(LOCK_SEARCH_MAX, (n) => lockCost(f, n));
  const lockAtMax = JSON.stringify(await lockCost(f, lockMax));
  const lockBeyond = await overLimit(() => lockCost(f, lockMax + 1));
  progress(`lock: ${lockMax}: ${lockAtMax}; ${lockMax + 1}: ${lockBeyond}`);
  const actions: Report["actions"] = [];
  for (const action of ESCROW_ACTIONS) {
    const pool = await readyEscrows(f, action, SEARCH_MAX);
    const batch = (n: number) => measureBatch(f, action, pool.slice(0, n));
    const one = await batch(1);
    const maxPerTx = await largestFitting(SEARCH_MAX, batch);
    actions.push({ action, ...one, maxPerTx });
    const atMax = JSON.stringify(await batch(maxPerTx));
    const beyond =
      maxPerTx < SEARCH_MAX ? await overLimit(() => batch(maxPerTx + 1)) : "not searched";
    progress(
      `${action}: one ${JSON.stringify(one)}; ${maxPerTx}: ${atMax}; ${maxPerTx + 1}: ${beyond}`,
    );
  }
  return { validators, actions, lock: { txBytes: lockOne.txBytes, maxPerTx: lockMax } };
}

function printTable(r: Report): void {
  for (const v of r.validators) console.log(`${v.name}: ${v.sizeBytes} bytes, hash ${v.hash}`);
  console.log(`limits per tx: ${LIMITS.txBytes} bytes, ${LIMITS.mem} mem, ${LIMITS.steps} steps`);
  console.log("action            mem        steps          txBytes  maxPerTx");
  for (const a of r.actions) {
    console.log(
      `${a.action.padEnd(16)}  ${String(a.mem).padStart(9)}  ${String(a.steps).padStart(13)}  ${String(a.txBytes).padStart(7)}  ${String(a.maxPerTx).padStart(8)}`,
    );
  }
  console.log(`lock: ${r.lock.txBytes} bytes, ${r.lock.maxPerTx} per tx`);
}

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  // Keep stdout for the report alone: anything a library prints goes to stderr.
  const print = console.log.bind(console);
  console.log = (...args: unknown[]) => console.error(...args);
  const report = await buildReport((line) => console.error(line));
  if (json) {
    print(JSON.stringify(report));
  } else {
    console.log = print;
    printTable(report);
  }
}

await main();
