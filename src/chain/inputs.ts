/**
 * Checks on what callers pass to the port. A failure here is a programmer error (a wrong
 * network's address, a truncated hash), so it throws a plain Error instead of a ChainError.
 * They also keep anything but hex and bech32 characters out of request paths.
 */
import type { Network } from "./network.ts";

/** Asserts that `value` is lowercase or uppercase hex, of exactly `length` characters if given. */
export function assertHex(name: string, value: string, length?: number): void {
  const ok = /^[0-9a-fA-F]*$/.test(value) && value.length % 2 === 0 && value.length > 0;
  if (!ok || (length !== undefined && value.length !== length)) {
    const expected = length === undefined ? "hex" : `${length} hex characters`;
    throw new Error(`${name} must be ${expected}, got ${JSON.stringify(value.slice(0, 80))}`);
  }
}

/**
 * Asserts that `address` is a Shelley bech32 address of `network`. The network always comes
 * from configuration; this only catches an address from the other one being passed by mistake.
 */
export function assertAddress(address: string, network: Network): void {
  const prefix = network === "mainnet" ? "addr1" : "addr_test1";
  if (!address.startsWith(prefix) || !/^[a-z0-9_]+$/.test(address)) {
    throw new Error(`not a ${network} address: ${JSON.stringify(address.slice(0, 120))}`);
  }
}

/** Asserts a block reference: a 64-hex hash or a non-negative integer height. */
export function assertBlockRef(hashOrHeight: string | number): void {
  if (typeof hashOrHeight === "number") {
    if (!Number.isSafeInteger(hashOrHeight) || hashOrHeight < 0) {
      throw new Error(`block height must be a non-negative integer, got ${hashOrHeight}`);
    }
    return;
  }
  assertHex("block hash", hashOrHeight, 64);
}
