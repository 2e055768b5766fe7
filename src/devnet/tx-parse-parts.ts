/** The parts of a transaction that need a little interpretation: certificates, redeemers, etc. */
import { Cardano, Serialization } from "@cardano-sdk/core";
import { PROTOCOL } from "./params.ts";
import type {
  ParsedCert,
  ParsedRedeemer,
  ParsedWithdrawal,
  RedeemerPurpose,
  ScriptInfo,
  StakeCredential,
} from "./types.ts";

type Certificate = Serialization.Certificate;
type Redeemer = Serialization.Redeemer;
type Script = Serialization.Script;
type CoreCredential = { type: number; hash: string };

const PURPOSES: Record<number, RedeemerPurpose> = {
  [Serialization.RedeemerTag.Spend]: "spend",
  [Serialization.RedeemerTag.Mint]: "mint",
  [Serialization.RedeemerTag.Cert]: "cert",
  [Serialization.RedeemerTag.Reward]: "reward",
  [Serialization.RedeemerTag.Voting]: "vote",
  [Serialization.RedeemerTag.Proposing]: "propose",
};

function credential(c: CoreCredential): StakeCredential {
  return { type: c.type === Cardano.CredentialType.ScriptHash ? "script" : "key", hash: c.hash };
}

/** What a certificate does to stake registrations and deposits. */
export function parseCert(cert: Certificate): ParsedCert {
  const c = cert.toCore() as unknown as {
    __typename: string;
    stakeCredential?: CoreCredential;
    deposit?: bigint;
  };
  const T = Cardano.CertificateType;
  const cred = c.stakeCredential ? credential(c.stakeCredential) : null;
  switch (c.__typename) {
    case T.StakeRegistration:
      return {
        kind: "stakeRegistration",
        credential: cred,
        depositLovelace: PROTOCOL.keyDepositLovelace,
      };
    case T.Registration:
    case T.StakeRegistrationDelegation:
    case T.VoteRegistrationDelegation:
    case T.StakeVoteRegistrationDelegation:
      return { kind: "stakeRegistration", credential: cred, depositLovelace: c.deposit ?? 0n };
    case T.StakeDeregistration:
      return {
        kind: "stakeDeregistration",
        credential: cred,
        depositLovelace: -PROTOCOL.keyDepositLovelace,
      };
    case T.Unregistration:
      return { kind: "stakeDeregistration", credential: cred, depositLovelace: -(c.deposit ?? 0n) };
    case T.StakeDelegation:
    case T.VoteDelegation:
    case T.StakeVoteDelegation:
      return { kind: "delegation", credential: cred, depositLovelace: 0n };
    case T.PoolRegistration:
      return { kind: "poolRegistration", credential: null, depositLovelace: 0n };
    case T.PoolRetirement:
      return { kind: "poolRetirement", credential: null, depositLovelace: 0n };
    default:
      return { kind: "other", credential: null, depositLovelace: 0n };
  }
}

/** The redeemers with their purpose, target index and the execution units they ask for. */
export function parseRedeemers(redeemers: readonly Redeemer[]): ParsedRedeemer[] {
  return redeemers.map((r) => ({
    purpose: PURPOSES[r.tag()] ?? "spend",
    index: Number(r.index()),
    dataHash: r.data().hash().toString(),
    mem: r.exUnits().mem(),
    steps: r.exUnits().steps(),
  }));
}

/**
 * Withdrawals in the ledger's order (script credentials before key credentials, then by hash),
 * which is what reward redeemer indexes refer to.
 */
export function parseWithdrawals(w: Map<string, bigint> | undefined): ParsedWithdrawal[] {
  const list = [...(w ?? new Map<string, bigint>())].map(([rewardAddress, amount]) => {
    const reward = Cardano.Address.fromBech32(rewardAddress).asReward();
    if (!reward) throw new Error(`withdrawal from a non-reward address ${rewardAddress}`);
    return {
      rewardAddress: String(rewardAddress),
      credential: credential(reward.getPaymentCredential()),
      amountLovelace: amount,
    };
  });
  const rank = (c: StakeCredential) => (c.type === "script" ? 0 : 1);
  return list.sort((a, b) => {
    const byType = rank(a.credential) - rank(b.credential);
    if (byType !== 0) return byType;
    return a.credential.hash < b.credential.hash
      ? -1
      : a.credential.hash > b.credential.hash
        ? 1
        : 0;
  });
}

/** A script's hash, Blockfrost type, CBOR and size. */
export function scriptInfo(script: Script): ScriptInfo {
  const hash = script.hash().toString();
  const v1 = script.asPlutusV1();
  const v2 = script.asPlutusV2();
  const v3 = script.asPlutusV3();
  const plutus = v3 ?? v2 ?? v1;
  if (!plutus) {
    const native = script.asNative();
    return {
      hash,
      type: "timelock",
      cbor: native?.toCbor().toString() ?? "",
      serialisedSize: null,
    };
  }
  // The script's own bytes (its flat code in one CBOR byte string), as the ledger hashes and
  // sizes it; the witness set wraps it in one more byte string.
  const cbor = plutus.rawBytes().toString();
  const type = v3 ? "plutusV3" : v2 ? "plutusV2" : "plutusV1";
  return { hash, type, cbor, serialisedSize: cbor.length / 2 };
}
