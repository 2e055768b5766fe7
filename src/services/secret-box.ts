/**
 * Authenticated encryption of secrets at rest (AES-256-GCM). The associated data binds a
 * ciphertext to its owner (a wallet's address), so a sealed secret copied onto another row
 * does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;

/** Raised when a sealed secret does not open: wrong key, wrong owner or tampered bytes. */
export class SecretBoxError extends Error {}

function keyBytes(keyHex: string): Buffer {
  if (!/^[0-9a-f]{64}$/i.test(keyHex)) throw new SecretBoxError("the key must be 32 bytes of hex");
  return Buffer.from(keyHex, "hex");
}

/** Encrypts `plaintext`; the result is `v1:<iv>:<tag>:<ciphertext>`, each part base64. */
export function sealSecret(keyHex: string, plaintext: string, associatedData: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyBytes(keyHex), iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ct].map((b) => b.toString("base64"));
  return [VERSION, ...parts].join(":");
}

/** Decrypts what sealSecret made, or throws SecretBoxError. */
export function openSecret(keyHex: string, sealed: string, associatedData: string): string {
  const [version, iv, tag, ct, ...rest] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || ct === undefined || rest.length > 0)
    throw new SecretBoxError("not a sealed secret of a known version");
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyBytes(keyHex), Buffer.from(iv, "base64"));
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    // Never echo the cause: it could carry key or plaintext material.
    throw new SecretBoxError("the secret did not open (wrong key, wrong owner or tampered data)");
  }
}
