/**
 * UTxOs in the plain shape Mesh's builders and wallets take (`{input, output}` with amounts as
 * strings), read from and written to the SDK's ledger types. The devnet hands this shape to
 * tests that build with Mesh and reads it from clients (Ogmios's additional UTxO set), so it
 * keeps it, without loading Mesh for it.
 */
import { Cardano, Serialization } from "@cardano-sdk/core";
import { Hash32ByteBase16 } from "@cardano-sdk/crypto";
import { hexBlob } from "./cbor.ts";

/** A quantity of one unit ("lovelace" or policy id + asset name, hex), as a decimal string. */
export interface UtxoAsset {
  unit: string;
  quantity: string;
}

/** An unspent output in Mesh's `UTxO` shape (structurally the same type). */
export interface UTxO {
  input: { txHash: string; outputIndex: number };
  output: {
    address: string;
    amount: UtxoAsset[];
    /** The datum's hash, also for an inline datum. */
    dataHash?: string;
    /** An inline datum's CBOR. */
    plutusData?: string;
    /** The reference script as a `Script` (language tag and script), CBOR. */
    scriptRef?: string;
    scriptHash?: string;
  };
}

/** The plain form of an unspent output read from the ledger. */
export function utxoOfUnspent(u: Serialization.TransactionUnspentOutput): UTxO {
  const output = u.output();
  const datum = output.datum();
  const inline = datum?.asInlineData();
  const dataHash = datum?.asDataHash()?.toString() ?? inline?.hash().toString();
  return {
    input: { txHash: u.input().transactionId().toString(), outputIndex: Number(u.input().index()) },
    output: {
      address: output.address().toBech32(),
      amount: amountOfValue(output.amount()),
      dataHash,
      plutusData: inline?.toCbor().toString(),
      scriptRef: output.scriptRef()?.toCbor().toString(),
    },
  };
}

/**
 * The ledger output for a plain one. The address must be bech32. An inline datum wins over a
 * data hash given beside it (the hash is then the datum's own).
 */
export function outputOfUtxo(o: UTxO["output"]): Serialization.TransactionOutput {
  const output = new Serialization.TransactionOutput(
    Cardano.Address.fromBech32(o.address),
    valueOfAmount(o.amount),
  );
  if (o.plutusData !== undefined) {
    const data = Serialization.PlutusData.fromCbor(hexBlob(o.plutusData));
    output.setDatum(Serialization.Datum.newInlineData(data));
  } else if (o.dataHash !== undefined) {
    output.setDatum(Serialization.Datum.newDataHash(Hash32ByteBase16(o.dataHash)));
  }
  if (o.scriptRef !== undefined) {
    output.setScriptRef(Serialization.Script.fromCbor(hexBlob(o.scriptRef)));
  }
  return output;
}

/** A value's amounts: lovelace first, then each asset as the value holds them. */
export function amountOfValue(value: Serialization.Value): UtxoAsset[] {
  const amount = [{ unit: "lovelace", quantity: value.coin().toString() }];
  for (const [assetId, quantity] of value.multiasset() ?? new Map<string, bigint>()) {
    amount.push({ unit: assetId, quantity: quantity.toString() });
  }
  return amount;
}

/** A value from amounts; "lovelace" (or "") is the coin, any other unit an asset. */
export function valueOfAmount(amount: readonly UtxoAsset[]): Serialization.Value {
  const isCoin = (unit: string) => unit === "lovelace" || unit === "";
  const coin = amount.find((a) => isCoin(a.unit));
  const assets: Cardano.TokenMap = new Map();
  for (const a of amount) {
    if (!isCoin(a.unit)) assets.set(Cardano.AssetId(a.unit), BigInt(a.quantity));
  }
  return new Serialization.Value(BigInt(coin?.quantity ?? 0), assets.size > 0 ? assets : undefined);
}
