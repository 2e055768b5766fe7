import { Cardano, Serialization } from "@cardano-sdk/core";
import { describe, expect, it } from "vitest";
import { parseCert } from "./tx-parse-parts.ts";

const T = Cardano.CertificateType;
const scriptCredential = { type: Cardano.CredentialType.ScriptHash, hash: "cd".repeat(28) };

function cert(c: Record<string, unknown>) {
  return Serialization.Certificate.fromCore(
    c as unknown as Parameters<typeof Serialization.Certificate.fromCore>[0],
  );
}

describe("certificates as the index tracks them", () => {
  it("reads both registration kinds (pre-Conway and Conway) with their deposits", () => {
    const old = parseCert(
      cert({ __typename: T.StakeRegistration, stakeCredential: scriptCredential }),
    );
    expect(old).toEqual({
      kind: "stakeRegistration",
      credential: { type: "script", hash: "cd".repeat(28) },
      depositLovelace: 2_000_000n,
    });
    const conway = parseCert(
      cert({ __typename: T.Registration, stakeCredential: scriptCredential, deposit: 3_000_000n }),
    );
    expect(conway).toMatchObject({ kind: "stakeRegistration", depositLovelace: 3_000_000n });
  });

  it("reads both deregistration kinds as refunds", () => {
    const old = parseCert(
      cert({ __typename: T.StakeDeregistration, stakeCredential: scriptCredential }),
    );
    expect(old).toMatchObject({ kind: "stakeDeregistration", depositLovelace: -2_000_000n });
    const conway = parseCert(
      cert({
        __typename: T.Unregistration,
        stakeCredential: scriptCredential,
        deposit: 2_000_000n,
      }),
    );
    expect(conway).toMatchObject({
      kind: "stakeDeregistration",
      credential: { type: "script" },
      depositLovelace: -2_000_000n,
    });
  });
});
