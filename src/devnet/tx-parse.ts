/**
 * Reads a transaction's CBOR into what the index serves. It needs nothing but the CBOR, so the
 * index can be rebuilt from the block log alone.
 */
import { Cardano, Serialization } from "@cardano-sdk/core";
import { metadatumToJson, type Metadatum } from "./metadata.ts";
import { parseCert, parseRedeemers, parseWithdrawals, scriptInfo } from "./tx-parse-parts.ts";
import type { Amount, OutputRef, ParsedOutput, ParsedTx, ScriptInfo } from "./types.ts";

type Tx = Serialization.Transaction;
type TxOutput = ReturnType<ReturnType<Tx["body"]>["outputs"]>[number];
type InputSet = ReturnType<ReturnType<Tx["body"]>["inputs"]>;

/** Parses a transaction; throws when the CBOR is not a transaction. */
export function parseTx(cborHex: string): ParsedTx {
  const tx = Serialization.Transaction.fromCbor(Serialization.TxCBOR(cborHex));
  const body = tx.body();
  const redeemers = parseRedeemers(tx.witnessSet().redeemers()?.values() ?? []);
  const metadata = readMetadata(tx);
  const outputs = body.outputs().map(parseOutput);
  return {
    hash: tx.getId().toString(),
    cbor: cborHex.toLowerCase(),
    sizeBytes: cborHex.length / 2,
    feeLovelace: body.fee(),
    isValid: tx.isValid(),
    inputs: sortRefs(body.inputs()),
    collateral: sortRefs(body.collateral()),
    referenceInputs: sortRefs(body.referenceInputs()),
    outputs,
    mint: readMint(body.mint()),
    withdrawals: parseWithdrawals(body.withdrawals()),
    certs: (body.certs()?.values() ?? []).map(parseCert),
    redeemers,
    metadata: [...metadata.entries()].map(([label, m]) => ({
      label: label.toString(),
      json: metadatumToJson(m),
    })),
    raw721: metadata.get(721n),
    scripts: witnessScripts(tx),
    datums: witnessDatums(tx, outputs),
    invalidBefore: optionalNumber(body.validityStartInterval()),
    invalidHereafter: optionalNumber(body.ttl()),
    totalExMem: redeemers.reduce((sum, r) => sum + r.mem, 0n),
    totalExSteps: redeemers.reduce((sum, r) => sum + r.steps, 0n),
  };
}

function optionalNumber(n: number | undefined): number | null {
  return n === undefined ? null : Number(n);
}

/** Inputs sorted as the ledger orders them, which is what spend redeemer indexes refer to. */
function sortRefs(set: InputSet | undefined): OutputRef[] {
  const refs = (set?.values() ?? []).map((i) => ({
    txHash: i.transactionId().toString(),
    index: Number(i.index()),
  }));
  return refs.sort((a, b) =>
    a.txHash === b.txHash ? a.index - b.index : a.txHash < b.txHash ? -1 : 1,
  );
}

/** A Shelley address in bech32; a Byron one in base58. */
export function addressString(address: ReturnType<TxOutput["address"]>): string {
  return address.getType() === Cardano.AddressType.Byron ? address.toBase58() : address.toBech32();
}

/** Parses one output, keeping its CBOR byte for byte. */
export function parseOutput(o: TxOutput): ParsedOutput {
  const value = o.amount();
  const amount: Amount[] = [{ unit: "lovelace", quantity: value.coin() }];
  for (const [assetId, quantity] of value.multiasset() ?? new Map()) {
    amount.push({ unit: String(assetId), quantity });
  }
  const datum = o.datum();
  const inline =
    datum?.kind() === Serialization.DatumKind.InlineData ? datum.asInlineData() : undefined;
  const script = o.scriptRef();
  return {
    address: addressString(o.address()),
    amount,
    dataHash: inline ? inline.hash().toString() : (datum?.asDataHash()?.toString() ?? null),
    inlineDatum: inline ? inline.toCbor().toString() : null,
    referenceScript: script ? scriptInfo(script) : null,
    cbor: o.toCbor().toString(),
  };
}

function readMint(mint: Map<string, bigint> | undefined): Amount[] {
  const amounts = [...(mint ?? new Map<string, bigint>())].map(([unit, quantity]) => ({
    unit: String(unit),
    quantity,
  }));
  return amounts.sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}

function readMetadata(tx: Tx): Map<bigint, Metadatum> {
  const blob = tx.auxiliaryData()?.toCore().blob;
  return (blob ?? new Map()) as Map<bigint, Metadatum>;
}

function witnessScripts(tx: Tx): ScriptInfo[] {
  const w = tx.witnessSet();
  const scripts = [
    ...(w.nativeScripts()?.values() ?? []).map((s) => Serialization.Script.newNativeScript(s)),
    ...(w.plutusV1Scripts()?.values() ?? []).map((s) => Serialization.Script.newPlutusV1Script(s)),
    ...(w.plutusV2Scripts()?.values() ?? []).map((s) => Serialization.Script.newPlutusV2Script(s)),
    ...(w.plutusV3Scripts()?.values() ?? []).map((s) => Serialization.Script.newPlutusV3Script(s)),
  ];
  return scripts.map(scriptInfo);
}

/** Datums given in the witness set and inline in outputs, both served by hash. */
function witnessDatums(tx: Tx, outputs: ParsedOutput[]): { hash: string; cbor: string }[] {
  const datums = (tx.witnessSet().plutusData()?.values() ?? []).map((d) => ({
    hash: d.hash().toString(),
    cbor: d.toCbor().toString(),
  }));
  for (const o of outputs) {
    if (o.inlineDatum !== null && o.dataHash !== null) {
      datums.push({ hash: o.dataHash, cbor: o.inlineDatum });
    }
  }
  return datums;
}
