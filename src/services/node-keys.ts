/**
 * The node's own secrets: the key that encrypts wallet mnemonics and the admin API key. When
 * the configuration leaves them unset (allowed only where no real funds are at stake, see
 * config.ts), they are generated once and kept in the data directory, readable by the owner only.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config.ts";

export interface NodeKeys {
  encryptionKeyHex: string;
  adminKey: string;
  /** Which of them were generated into the data directory rather than configured. */
  generated: { encryptionKey: boolean; adminKey: boolean };
}

async function readOrCreate(file: string, make: () => string): Promise<string> {
  try {
    return (await readFile(file, "utf8")).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = make();
  // "wx" fails if another process created the file meanwhile; then its value wins.
  try {
    await writeFile(file, value + "\n", { mode: 0o600, flag: "wx" });
    return value;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return (await readFile(file, "utf8")).trim();
  }
}

/** Returns the configured keys, generating the missing ones into `<dataDir>/keys/`. */
export async function resolveNodeKeys(config: Config): Promise<NodeKeys> {
  const dir = path.join(config.dataDir, "keys");
  const encryptionKeyHex =
    config.encryptionKeyHex ??
    (await readOrCreate(path.join(dir, "encryption.key"), () => randomBytes(32).toString("hex")));
  const adminKey =
    config.adminKey ??
    (await readOrCreate(path.join(dir, "admin.key"), () => randomBytes(24).toString("base64url")));
  if (!/^[0-9a-f]{64}$/.test(encryptionKeyHex))
    throw new Error(`${path.join(dir, "encryption.key")} does not hold a 32-byte hex key`);
  return {
    encryptionKeyHex,
    adminKey,
    generated: { encryptionKey: !config.encryptionKeyHex, adminKey: !config.adminKey },
  };
}
