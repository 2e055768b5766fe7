/** The index's records in Blockfrost's JSON shapes (amounts as integer strings). */
import type { ChainIndex } from "../chain-index.ts";
import type { AddressTxEntry, IndexedBlock, IndexedOutput, IndexedTx } from "../index-types.ts";
import { exUnitsFeeLovelace } from "../params.ts";
import type { Amount, OutputRef, ParsedTx } from "../types.ts";

/** Amounts with quantities as integer strings. */
export function amountJson(amounts: readonly Amount[]) {
  return amounts.map((a) => ({ unit: a.unit, quantity: a.quantity.toString() }));
}

/** Sums amounts per unit, lovelace first (how Blockfrost lists a total). */
export function sumAmounts(lists: Iterable<readonly Amount[]>): Amount[] {
  const sums = new Map<string, bigint>([["lovelace", 0n]]);
  for (const list of lists) {
    for (const a of list) sums.set(a.unit, (sums.get(a.unit) ?? 0n) + a.quantity);
  }
  return [...sums].map(([unit, quantity]) => ({ unit, quantity }));
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** An entry of `addresses/{address}/transactions` or `assets/{asset}/transactions`. */
export function txEntryJson(e: AddressTxEntry) {
  return {
    tx_hash: e.txHash,
    tx_index: e.txIndex,
    block_height: e.blockHeight,
    block_time: seconds(e.timeMs),
  };
}

/** An entry of `addresses/{address}/utxos`. */
export function utxoJson(o: IndexedOutput) {
  return {
    address: o.address,
    tx_hash: o.txHash,
    // Deprecated by Blockfrost, and equal to output_index there too.
    tx_index: o.index,
    output_index: o.index,
    amount: amountJson(o.amount),
    block: o.blockHash,
    data_hash: o.dataHash,
    inline_datum: o.inlineDatum,
    reference_script_hash: o.referenceScript?.hash ?? null,
  };
}

/** Blockfrost's `block_content`. */
export function blockJson(b: IndexedBlock, index: ChainIndex) {
  const tip = index.tip();
  const hasTxs = b.txHashes.length > 0;
  return {
    time: seconds(b.timeMs),
    height: b.height,
    hash: b.hash,
    slot: b.slot,
    epoch: b.epoch,
    epoch_slot: b.epochSlot,
    slot_leader: "devnet",
    size: b.sizeBytes,
    tx_count: b.txHashes.length,
    output: hasTxs ? b.outputLovelace.toString() : null,
    fees: hasTxs ? b.feesLovelace.toString() : null,
    block_vrf: null,
    op_cert: null,
    op_cert_counter: null,
    previous_block: b.prevHash,
    next_block: index.blockAt(b.height + 1)?.hash ?? null,
    confirmations: tip.height - b.height,
  };
}

/**
 * The fields Blockfrost's `tx_content` shares with a mempool transaction's `tx`: what the
 * transaction itself says, nothing about a block.
 */
export function txBodyJson(p: ParsedTx, depositLovelace: bigint) {
  const count = (kind: string) => p.certs.filter((c) => c.kind === kind).length;
  return {
    hash: p.hash,
    output_amount: amountJson(sumAmounts(p.outputs.map((o) => o.amount))),
    fees: p.feeLovelace.toString(),
    deposit: depositLovelace.toString(),
    size: p.sizeBytes,
    invalid_before: p.invalidBefore === null ? null : String(p.invalidBefore),
    invalid_hereafter: p.invalidHereafter === null ? null : String(p.invalidHereafter),
    utxo_count: p.inputs.length + p.outputs.length,
    withdrawal_count: p.withdrawals.length,
    mir_cert_count: 0,
    delegation_count: count("delegation"),
    stake_cert_count: count("stakeRegistration") + count("stakeDeregistration"),
    pool_update_count: count("poolRegistration"),
    pool_retire_count: count("poolRetirement"),
    asset_mint_or_burn_count: p.mint.length,
    redeemer_count: p.redeemers.length,
    // The ledger admits only transactions marked valid (see DevnetLedger.admit).
    valid_contract: true,
  };
}

/** Blockfrost's `tx_content`. */
export function txJson(t: IndexedTx) {
  return {
    ...txBodyJson(t.parsed, t.depositLovelace),
    block: t.blockHash,
    block_height: t.blockHeight,
    block_time: seconds(t.timeMs),
    slot: t.slot,
    index: t.indexInBlock,
    treasury_donation: "0",
  };
}

function inputJson(index: ChainIndex, ref: OutputRef, kind: "input" | "collateral" | "reference") {
  const o = index.output(ref);
  if (!o) throw new Error(`input ${ref.txHash}#${ref.index} is not indexed`);
  return {
    address: o.address,
    amount: amountJson(o.amount),
    tx_hash: ref.txHash,
    output_index: ref.index,
    data_hash: o.dataHash,
    inline_datum: o.inlineDatum,
    reference_script_hash: o.referenceScript?.hash ?? null,
    collateral: kind === "collateral",
    reference: kind === "reference",
  };
}

/** Blockfrost's `tx_content_utxo`: inputs (collateral and reference ones flagged) and outputs. */
export function txUtxosJson(t: IndexedTx, index: ChainIndex) {
  const p = t.parsed;
  return {
    hash: p.hash,
    inputs: [
      ...p.inputs.map((r) => inputJson(index, r, "input")),
      ...p.collateral.map((r) => inputJson(index, r, "collateral")),
      ...p.referenceInputs.map((r) => inputJson(index, r, "reference")),
    ],
    outputs: p.outputs.map((_, i) => {
      const o = index.output({ txHash: p.hash, index: i })!;
      return {
        address: o.address,
        amount: amountJson(o.amount),
        output_index: i,
        data_hash: o.dataHash,
        inline_datum: o.inlineDatum,
        collateral: false,
        reference_script_hash: o.referenceScript?.hash ?? null,
        consumed_by_tx: o.spentBy,
      };
    }),
  };
}

/** Blockfrost's `tx_content_redeemers`, with the fee each redeemer's units cost. */
export function redeemersJson(t: IndexedTx) {
  return t.parsed.redeemers.map((r, i) => ({
    tx_index: r.index,
    purpose: r.purpose,
    script_hash: t.redeemerScriptHashes[i] ?? "",
    redeemer_data_hash: r.dataHash,
    datum_hash: r.dataHash,
    unit_mem: r.mem.toString(),
    unit_steps: r.steps.toString(),
    fee: exUnitsFeeLovelace(r.mem, r.steps).toString(),
  }));
}

/** Blockfrost's `tx_content_metadata`. */
export function metadataJson(t: IndexedTx) {
  return t.parsed.metadata.map((m) => ({ label: m.label, json_metadata: m.json }));
}
