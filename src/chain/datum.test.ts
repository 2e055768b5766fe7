import { beforeAll, describe, expect, it } from "vitest";
import {
  decodeEscrowDatum,
  escrowDatum,
  escrowReference,
  fromCbor,
  toCbor,
  type EscrowDatum,
} from "../../contracts/index.ts";
import { pInt } from "../../contracts/plutus-data.ts";
import { party } from "../../contracts/test-support/parties.ts";
import { escrowDatumOf } from "./datum.ts";

let datum: EscrowDatum;

beforeAll(async () => {
  const [b, s] = await Promise.all([party("datum-memo-buyer"), party("datum-memo-seller")]);
  datum = {
    state: "FundsLocked",
    resultHash: "",
    buyerCooldownMs: 0,
    sellerCooldownMs: 0,
    buyer: b.address,
    seller: s.address,
    reference: escrowReference("cd".repeat(32)),
    inputHash: "11".repeat(32),
    submitResultTimeMs: 1_000,
    unlockTimeMs: 2_000,
    externalDisputeUnlockTimeMs: 3_000,
    buyerLovelace: 2_000_000n,
    claim: null,
    voucherTotal: 0n,
    autoRelease: false,
  };
});

describe("escrowDatumOf", () => {
  it("decodes as decodeEscrowDatum does, on each network", () => {
    const cbor = toCbor(escrowDatum(datum));
    expect(escrowDatumOf(cbor, 0)).toEqual(decodeEscrowDatum(fromCbor(cbor), 0));
    expect(escrowDatumOf(cbor, 0)).toEqual(datum);
    // The same bytes on mainnet are other addresses: the network is part of what is remembered.
    expect(escrowDatumOf(cbor, 1).buyer).toBe(decodeEscrowDatum(fromCbor(cbor), 1).buyer);
    expect(escrowDatumOf(cbor, 1).buyer).not.toBe(datum.buyer);
  });

  it("gives each caller its own copy", () => {
    const cbor = toCbor(escrowDatum(datum));
    const first = escrowDatumOf(cbor, 0);
    first.buyerLovelace = 1n;
    first.state = "RefundRequested";
    expect(escrowDatumOf(cbor, 0)).toEqual(datum);
  });

  it("throws for a datum that is not an escrow's, every time it is read", () => {
    const hostile = toCbor(pInt(42));
    const message = (() => {
      try {
        decodeEscrowDatum(fromCbor(hostile), 0);
        return "";
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(message).not.toBe("");
    expect(() => escrowDatumOf(hostile, 0)).toThrow(message);
    expect(() => escrowDatumOf(hostile, 0)).toThrow(message);
    expect(() => escrowDatumOf("zz", 0)).toThrow();
  });
});
