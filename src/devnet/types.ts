/** The shapes the devnet's ledger, index and HTTP routes share. */

/** An amount of one unit: "lovelace", or policy id + asset name (hex). */
export interface Amount {
  unit: string;
  quantity: bigint;
}

/** A reference to a transaction output. */
export interface OutputRef {
  txHash: string;
  index: number;
}

export type ScriptType = "timelock" | "plutusV1" | "plutusV2" | "plutusV3";

/** A script seen on chain (in a witness set or as a reference script). */
export interface ScriptInfo {
  hash: string;
  type: ScriptType;
  /** Plutus: the script as a CBOR byte string (single CBOR). Native: the native script CBOR. */
  cbor: string;
  /** Plutus: the size of `cbor` in bytes; native scripts: null (as Blockfrost). */
  serialisedSize: number | null;
}

/** A transaction output as parsed from a transaction, before it is placed in a block. */
export interface ParsedOutput {
  address: string;
  /** Lovelace first, then assets in the order the output holds them. */
  amount: Amount[];
  /** For an inline datum, the hash of that datum (as Blockfrost reports it). */
  dataHash: string | null;
  inlineDatum: string | null;
  referenceScript: ScriptInfo | null;
  /** The output's own CBOR, kept byte for byte to rebuild the emulator's UTxO set. */
  cbor: string;
}

/** A stake credential: "key" for a key hash, "script" for a script hash. */
export interface StakeCredential {
  type: "key" | "script";
  hash: string;
}

/** What the index keeps of a certificate. */
export interface ParsedCert {
  kind:
    | "stakeRegistration"
    | "stakeDeregistration"
    | "delegation"
    | "poolRegistration"
    | "poolRetirement"
    | "other";
  credential: StakeCredential | null;
  /** Lovelace put down (positive) or returned (negative) by this certificate. */
  depositLovelace: bigint;
}

export type RedeemerPurpose = "spend" | "mint" | "cert" | "reward" | "vote" | "propose";

export interface ParsedRedeemer {
  purpose: RedeemerPurpose;
  index: number;
  dataHash: string;
  mem: bigint;
  steps: bigint;
}

export interface ParsedWithdrawal {
  rewardAddress: string;
  credential: StakeCredential;
  amountLovelace: bigint;
}

/** Everything the index needs from one transaction, read from its CBOR alone. */
export interface ParsedTx {
  hash: string;
  cbor: string;
  sizeBytes: number;
  feeLovelace: bigint;
  /** False for a transaction submitted as failing phase 2 (it would only consume collateral). */
  isValid: boolean;
  /** Sorted as the ledger sorts them (by tx hash, then index): redeemer indexes refer to this. */
  inputs: OutputRef[];
  collateral: OutputRef[];
  referenceInputs: OutputRef[];
  outputs: ParsedOutput[];
  /** Minted (positive) and burned (negative) quantities, sorted by unit. */
  mint: Amount[];
  withdrawals: ParsedWithdrawal[];
  certs: ParsedCert[];
  redeemers: ParsedRedeemer[];
  /** Metadata by label, as Blockfrost's JSON; `raw721` keeps label 721 for CIP-25. */
  metadata: { label: string; json: unknown }[];
  raw721: unknown;
  scripts: ScriptInfo[];
  datums: { hash: string; cbor: string }[];
  invalidBefore: number | null;
  invalidHereafter: number | null;
  totalExMem: bigint;
  totalExSteps: bigint;
}

/** A block as the log stores it. */
export interface RawBlock {
  height: number;
  slot: number;
  hash: string;
  prevHash: string | null;
  txs: string[];
}
