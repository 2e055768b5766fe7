/**
 * The faucet's payment transaction: one output to the payee, change back to the faucet, the
 * fee at the protocol's minimum (a × size + b) for the signed size. A pure function of the
 * faucet's UTxOs and the request; signing is a separate step (`signedCbor`).
 */
import { Cardano, Serialization, setInConwayEra } from "@cardano-sdk/core";
import { Ed25519PublicKeyHex, Ed25519SignatureHex } from "@cardano-sdk/crypto";
import { PROTOCOL } from "./params.ts";
import type { Amount } from "./types.ts";

type Unspent = Serialization.TransactionUnspentOutput;

export interface PaymentRequest {
  /** The faucet's UTxOs (confirmed + mempool) to choose from. */
  utxos: readonly Unspent[];
  to: string;
  /** Without a lovelace entry, the output carries its minimum ADA. */
  amounts: readonly Amount[];
  changeAddress: string;
}

/** Inputs one payment may spend; the faucet's UTxOs are large, so a few always do. */
const INPUTS_MAX = 32;
/** The fee settles in two or three rounds (only its own CBOR size can move it). */
const FEE_ROUNDS_MAX = 8;
/** The ledger's fixed overhead per output in the min-UTxO rule (Babbage onwards). */
const OUTPUT_OVERHEAD_BYTES = 160n;

/** The unsigned payment; throws when the UTxOs given cannot pay it. */
export function buildPayment(r: PaymentRequest): Serialization.TransactionBody {
  // Sets (the inputs, the witnesses) are written with the Conway set tag, as the devnet's
  // faucet always wrote them (Mesh sets this flag of the SDK's too).
  setInConwayEra(true);
  const payment = paymentOutput(r.to, r.amounts);
  const wanted = payment.amount().multiasset() ?? new Map();
  const candidates = [...r.utxos].sort(byCoinDescending);
  const selected: Unspent[] = [];
  // Assets first: take the UTxOs with the most of each asset until it is covered.
  for (const [assetId, quantity] of wanted) {
    const holding = (u: Unspent) => u.output().amount().multiasset()?.get(assetId) ?? 0n;
    const ranked = candidates.filter((u) => !selected.includes(u) && holding(u) > 0n);
    ranked.sort((a, b) => (holding(b) > holding(a) ? 1 : holding(b) < holding(a) ? -1 : 0));
    let have = selected.reduce((sum, u) => sum + holding(u), 0n);
    for (const u of ranked) {
      if (have >= quantity) break;
      selected.push(u);
      have += holding(u);
    }
    if (have < quantity) throw new Error(`the faucet holds too little of ${assetId}`);
  }
  // Then lovelace: add the largest remaining UTxOs until the change pays its own minimum.
  for (;;) {
    if (selected.length > 0) {
      const body = balanced(selected, payment, r.changeAddress);
      if (body) return body;
    }
    const next = candidates.find((u) => !selected.includes(u));
    if (!next || selected.length >= INPUTS_MAX) {
      throw new Error(`the faucet's UTxOs (at most ${INPUTS_MAX}) cannot pay this request`);
    }
    selected.push(next);
  }
}

/** The transaction with the faucet's witness, as CBOR hex. */
export function signedCbor(
  body: Serialization.TransactionBody,
  witness: (bodyHashHex: string) => Serialization.VkeyWitness,
): string {
  return transactionWith(body, witness(body.hash())).toCbor();
}

/** The payee's output; its coin is the minimum ADA when the request names none. */
function paymentOutput(to: string, amounts: readonly Amount[]): Serialization.TransactionOutput {
  const address = Cardano.Address.fromString(to);
  if (!address) throw new Error(`not an address: ${to}`);
  const assets: Cardano.TokenMap = new Map();
  for (const a of amounts)
    if (a.unit !== "lovelace") assets.set(Cardano.AssetId(a.unit), a.quantity);
  const coin = amounts.find((a) => a.unit === "lovelace")?.quantity;
  const output = (c: bigint) => new Serialization.TransactionOutput(address, valueOf(c, assets));
  return coin === undefined ? output(minCoinFixpoint(output)) : output(coin);
}

/**
 * The body spending `inputs`, or undefined when they leave too little lovelace for the fee and
 * a change output of at least its minimum ADA.
 */
function balanced(
  inputs: Unspent[],
  payment: Serialization.TransactionOutput,
  changeAddress: string,
): Serialization.TransactionBody | undefined {
  let coinIn = 0n;
  const assetsLeft: Cardano.TokenMap = new Map();
  for (const u of inputs) {
    const value = u.output().amount();
    coinIn += value.coin();
    for (const [id, q] of value.multiasset() ?? [])
      assetsLeft.set(id, (assetsLeft.get(id) ?? 0n) + q);
  }
  for (const [id, q] of payment.amount().multiasset() ?? []) {
    const left = (assetsLeft.get(id) ?? 0n) - q;
    if (left < 0n) throw new Error(`inputs short of ${id}: selection is wrong`);
    if (left === 0n) assetsLeft.delete(id);
    else assetsLeft.set(id, left);
  }
  const address = Cardano.Address.fromBech32(changeAddress);
  const inputSet = Serialization.CborSet.fromCore(
    inputs.map((u) => u.input().toCore()).sort(byRef),
    Serialization.TransactionInput.fromCore,
  );
  let fee = 0n;
  for (let round = 0; round < FEE_ROUNDS_MAX; round++) {
    const changeCoin = coinIn - payment.amount().coin() - fee;
    if (changeCoin < 0n) return undefined;
    const change = new Serialization.TransactionOutput(address, valueOf(changeCoin, assetsLeft));
    const body = new Serialization.TransactionBody(inputSet, [payment, change], fee);
    const feeNeeded = minFee(body);
    if (feeNeeded <= fee) return changeCoin >= minCoin(change) ? body : undefined;
    fee = feeNeeded;
  }
  throw new Error(`the faucet's fee did not settle in ${FEE_ROUNDS_MAX} rounds`);
}

/** a × size + b, for the transaction as it will be once signed by one key. */
function minFee(body: Serialization.TransactionBody): bigint {
  // A placeholder witness has the real one's size: a 32-byte key and a 64-byte signature.
  const placeholder = new Serialization.VkeyWitness(
    Ed25519PublicKeyHex("00".repeat(32)),
    Ed25519SignatureHex("00".repeat(64)),
  );
  const sizeBytes = BigInt(transactionWith(body, placeholder).toCbor().length / 2);
  return BigInt(PROTOCOL.minFeeA) * sizeBytes + BigInt(PROTOCOL.minFeeB);
}

function transactionWith(
  body: Serialization.TransactionBody,
  witness: Serialization.VkeyWitness,
): Serialization.Transaction {
  const witnesses = new Serialization.TransactionWitnessSet();
  witnesses.setVkeys(
    Serialization.CborSet.fromCore([witness.toCore()], Serialization.VkeyWitness.fromCore),
  );
  return new Serialization.Transaction(body, witnesses);
}

/** The ledger's minimum ADA of an output: (160 + its CBOR size) × coins per UTxO byte. */
function minCoin(output: Serialization.TransactionOutput): bigint {
  const sizeBytes = BigInt(output.toCbor().length / 2);
  return (OUTPUT_OVERHEAD_BYTES + sizeBytes) * BigInt(PROTOCOL.coinsPerUtxoByte);
}

/** The least coin that covers the minimum of the output carrying it (its size grows with it). */
function minCoinFixpoint(output: (coin: bigint) => Serialization.TransactionOutput): bigint {
  let coin = 0n;
  for (let round = 0; round < FEE_ROUNDS_MAX; round++) {
    const needed = minCoin(output(coin));
    if (needed <= coin) return coin;
    coin = needed;
  }
  throw new Error(`the minimum ADA did not settle in ${FEE_ROUNDS_MAX} rounds`);
}

function valueOf(coin: bigint, assets: Cardano.TokenMap): Serialization.Value {
  return new Serialization.Value(coin, assets.size > 0 ? new Map(assets) : undefined);
}

function byCoinDescending(a: Unspent, b: Unspent): number {
  const ca = a.output().amount().coin();
  const cb = b.output().amount().coin();
  return cb > ca ? 1 : cb < ca ? -1 : byRef(a.input().toCore(), b.input().toCore());
}

function byRef(a: Cardano.TxIn, b: Cardano.TxIn): number {
  if (a.txId !== b.txId) return a.txId < b.txId ? -1 : 1;
  return a.index - b.index;
}
