/**
 * The devnet's small state (time offset, genesis parameters, faucet key, pending mempool),
 * written atomically: a temporary file, fsynced, renamed over the old one.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const StateSchema = z.object({
  version: z.literal(1),
  /** A devnet-only key: it holds test funds on a chain that exists only here. */
  faucetMnemonic: z.array(z.string()).min(12).max(24),
  genesis: z.object({
    createdAtMs: z.number().int(),
    faucetAddress: z.string(),
    utxoCount: z.number().int().min(1).max(1000),
    lovelacePerUtxo: z.string().regex(/^\d+$/),
    usdmPerUtxo: z.string().regex(/^\d+$/),
  }),
  timeOffsetMs: z.number().int().min(0),
  /** Transactions pending at the last save (a close or a time change); re-validated on open. */
  mempool: z.array(z.string()).max(100_000),
});

export type DevnetState = z.infer<typeof StateSchema>;

const FILE = "state.json";

/** Reads the state of `dir`; undefined when there is none yet. */
export function readState(dir: string): DevnetState | undefined {
  const file = path.join(dir, FILE);
  if (!fs.existsSync(file)) return undefined;
  const parsed = StateSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Writes the state atomically; the faucet key makes it readable by the owner only. */
export function writeState(dir: string, state: DevnetState): void {
  const file = path.join(dir, FILE);
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, "w", 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(state, null, 2) + "\n");
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
