import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deserializeAddress, serializeAddressObj, serializeRewardAddress } from "@meshsdk/core";
import { bech32 } from "@scure/base";
import {
  addressOf,
  addressParts,
  rewardAddressOf,
  type AddressParts,
  type Credential,
  paymentHashOf,
} from "./address.ts";
import { addressToData, dataToAddress, partyKeyHashes, paymentKeyHash } from "./plutus-data.ts";

const credential: fc.Arbitrary<Credential> = fc.record({
  kind: fc.constantFrom("key" as const, "script" as const),
  hash: fc.uint8Array({ minLength: 28, maxLength: 28 }).map((b) => Buffer.from(b).toString("hex")),
});
const parts: fc.Arbitrary<AddressParts> = fc.record(
  { networkId: fc.constantFrom(0 as const, 1 as const), payment: credential, stake: credential },
  { requiredKeys: ["networkId", "payment"] },
);

/** Mesh's reading of an address, in the same shape. */
function meshParts(address: string, networkId: 0 | 1): AddressParts {
  const a = deserializeAddress(address);
  const stakeHash = a.stakeCredentialHash || a.stakeScriptCredentialHash;
  return {
    networkId,
    payment: a.pubKeyHash
      ? { kind: "key", hash: a.pubKeyHash }
      : { kind: "script", hash: a.scriptHash },
    ...(stakeHash && {
      stake: { kind: a.stakeCredentialHash ? "key" : "script", hash: stakeHash },
    }),
  };
}

const encode = (prefix: string, bytes: number[]) =>
  bech32.encode(prefix, bech32.toWords(Uint8Array.from(bytes)), 1023);

describe("addresses", () => {
  it("read and write base and enterprise addresses as Mesh does", () => {
    fc.assert(
      fc.property(parts, (p) => {
        const address = addressOf(p);
        expect(addressParts(address)).toEqual(p);
        expect(meshParts(address, p.networkId)).toEqual(p);
        const data = addressToData(address);
        expect(dataToAddress(data, p.networkId)).toBe(address);
        expect(serializeAddressObj(data as never, p.networkId)).toBe(address);
      }),
      { numRuns: 300 },
    );
    const known =
      "addr_test1qz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3jcu5d8ps7zex2k2xt3uqxgjqnnj83ws8lhrn648jjxtwq2ytjqp";
    expect(addressParts(known)).toEqual({
      networkId: 0,
      payment: { kind: "key", hash: "9493315cd92eb5d8c4304e67b7e16ae36d61d34502694657811a2c8e" },
      stake: { kind: "key", hash: "32c728d3861e164cab28cb8f006448139c8f1740ffb8e7aa9e5232dc" },
    });
    expect(paymentKeyHash(known)).toBe("9493315cd92eb5d8c4304e67b7e16ae36d61d34502694657811a2c8e");
    // Remembered and shared: one caller cannot change what the next one reads.
    const read = addressParts(known);
    expect(addressParts(known)).toBe(read);
    expect(() => ((read.payment as Credential).hash = "00")).toThrow(TypeError);
  });

  it("refuse pointer, reward and malformed addresses, and a prefix of the other network", () => {
    const hash = Array(28).fill(7);
    const refusals: [string, RegExp][] = [
      [encode("addr_test", [0x40, ...hash, 1, 2, 3]), /not a base or enterprise/], // pointer
      [encode("stake_test", [0xe0, ...hash]), /wrong prefix|not a base/], // reward
      [encode("addr_test", [0x00, ...hash]), /bad base address/], // no stake part
      [encode("addr_test", [0x60, ...hash, 1]), /bad enterprise address/],
      [encode("addr", [0x60, ...hash]), /wrong prefix/], // mainnet prefix, testnet header
      [encode("addr_test", [0x62, ...hash]), /unknown network/],
      [encode("addr_test", []), /not a Shelley address/],
      ["addr_test1qqqqqqqq", /./], // bad checksum
      ["not an address", /./],
    ];
    for (const [address, reason] of refusals)
      expect(() => addressParts(address), address).toThrow(reason);
    const scriptPayment = addressOf({
      networkId: 0,
      payment: { kind: "script", hash: "11".repeat(28) },
    });
    expect(() => paymentKeyHash(scriptPayment)).toThrow(/no payment key/);
    const scriptStake = addressOf({
      networkId: 0,
      payment: { kind: "key", hash: "11".repeat(28) },
      stake: { kind: "script", hash: "22".repeat(28) },
    });
    expect(() => partyKeyHashes(scriptStake)).toThrow(/script stake credential/);
    expect(() => addressOf({ networkId: 0, payment: { kind: "key", hash: "ab" } })).toThrow(
      /28-byte/,
    );
  });

  it("refuse a Plutus address with a stake pointer or a credential of another shape", () => {
    const key = { constructor: 0, fields: [{ bytes: "11".repeat(28) }] };
    const pointer = { constructor: 1, fields: [{ int: 1 }, { int: 2 }, { int: 3 }] };
    const withPointer = { constructor: 0, fields: [key, { constructor: 0, fields: [pointer] }] };
    expect(() => dataToAddress(withPointer, 0)).toThrow(/constructor 0/);
    const badCredential = {
      constructor: 0,
      fields: [
        { constructor: 2, fields: [] },
        { constructor: 1, fields: [] },
      ],
    };
    expect(() => dataToAddress(badCredential, 0)).toThrow(/a credential/);
    const shortHash = {
      constructor: 0,
      fields: [
        { constructor: 0, fields: [{ bytes: "11" }] },
        { constructor: 1, fields: [] },
      ],
    };
    expect(() => dataToAddress(shortHash, 0)).toThrow(/28-byte/);
  });
});

describe("reward addresses", () => {
  it("are written as Mesh writes them, for key and script credentials on both networks", () => {
    fc.assert(
      fc.property(credential, fc.constantFrom(0 as const, 1 as const), (c, networkId) => {
        expect(rewardAddressOf(c, networkId)).toBe(
          serializeRewardAddress(c.hash, c.kind === "script", networkId),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("match CIP-19's test vectors and refuse a hash that is not 28 bytes", () => {
    const key = {
      kind: "key" as const,
      hash: "337b62cfff6403a06a3acbc34f8c46003c69fe79a3628cefa9c47251",
    };
    const script = {
      kind: "script" as const,
      hash: "c37b1b5dc0669f1d3c61a6fddb2e8fde96be87b881c60bce8e8d542f",
    };
    expect(rewardAddressOf(key, 1)).toBe(
      "stake1uyehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gh6ffgw",
    );
    expect(rewardAddressOf(key, 0)).toBe(
      "stake_test1uqehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gssrtvn",
    );
    expect(rewardAddressOf(script, 1)).toBe(
      "stake178phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcccycj5",
    );
    expect(rewardAddressOf(script, 0)).toBe(
      "stake_test17rphkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcljw6kf",
    );
    expect(() => rewardAddressOf({ kind: "script", hash: "ab" }, 0)).toThrow(/28-byte/);
  });
});

describe("paymentHashOf", () => {
  it("answers the payment hash of the kind asked for, and undefined for the other or the unreadable", () => {
    const hash = "ab".repeat(28);
    const key = addressOf({ networkId: 0, payment: { kind: "key", hash } });
    const script = addressOf({
      networkId: 1,
      payment: { kind: "script", hash },
      stake: { kind: "key", hash },
    });
    expect([paymentHashOf(key, "key"), paymentHashOf(key, "script")]).toEqual([hash, undefined]);
    expect([paymentHashOf(script, "script"), paymentHashOf(script, "key")]).toEqual([
      hash,
      undefined,
    ]);
    expect(paymentHashOf("addr_test1notanaddress", "key")).toBeUndefined();
    expect(paymentHashOf(rewardAddressOf({ kind: "key", hash }, 0), "key")).toBeUndefined();
  });
});
