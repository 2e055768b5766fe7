/**
 * The confirmed chain, as Blockfrost serves it. It is built only by applying blocks in order
 * (from the block log at start, then as blocks are produced), so it needs no emulator; a rollback
 * rebuilds it from the shortened log.
 */
import { slotToTime } from "../chain/network.ts";
import { AssetIndex } from "./asset-index.ts";
import { blake2b256Hex, refKey } from "./cbor.ts";
import type { AddressTxEntry, IndexedBlock, IndexedOutput, IndexedTx } from "./index-types.ts";
import { DEVNET_NETWORK, epochOfSlot, epochSlotOf } from "./params.ts";
import { paymentScriptHash } from "./addresses.ts";
import type { OutputRef, ParsedTx, RawBlock, ScriptInfo, StakeCredential } from "./types.ts";

/** Blocks, transactions, outputs, assets, scripts and stake registrations of the chain. */
export class ChainIndex {
  /** Native assets: supply, mints and burns, CIP-25 metadata, holders. */
  readonly assets = new AssetIndex();
  private readonly blocks: IndexedBlock[] = [];
  private readonly blocksByHash = new Map<string, IndexedBlock>();
  private readonly txs = new Map<string, IndexedTx>();
  private readonly outputs = new Map<string, IndexedOutput>();
  private readonly unspentByAddress = new Map<string, Map<string, IndexedOutput>>();
  private readonly txsByAddress = new Map<string, AddressTxEntry[]>();
  private readonly scripts = new Map<string, ScriptInfo>();
  private readonly datums = new Map<string, string>();
  private readonly stake = new Map<string, StakeCredential>();
  private unspentTotal = 0;

  /** Block 0 holds the genesis pseudo-transaction. */
  applyGenesis(tx: ParsedTx, slot: number): IndexedBlock {
    if (this.blocks.length !== 0) throw new Error("genesis applied twice");
    const hash = blake2b256Hex(tx.hash);
    return this.addBlock({ height: 0, slot, hash, prevHash: null, txs: [] }, [tx], true);
  }

  /** Appends a produced block; its transactions were validated by the ledger before. */
  applyBlock(raw: RawBlock, txs: ParsedTx[]): IndexedBlock {
    const tip = this.tip();
    if (raw.height !== tip.height + 1 || raw.prevHash !== tip.hash || raw.slot < tip.slot) {
      throw new Error(`block ${raw.height} (${raw.hash}) does not extend tip ${tip.height}`);
    }
    return this.addBlock(raw, txs, false);
  }

  private addBlock(raw: RawBlock, txs: ParsedTx[], isGenesis: boolean): IndexedBlock {
    const block: IndexedBlock = {
      height: raw.height,
      hash: raw.hash,
      prevHash: raw.prevHash,
      slot: raw.slot,
      timeMs: slotToTime(raw.slot, DEVNET_NETWORK),
      epoch: epochOfSlot(raw.slot),
      epochSlot: epochSlotOf(raw.slot),
      txHashes: txs.map((t) => t.hash),
      sizeBytes: txs.reduce((n, t) => n + t.sizeBytes, 0),
      feesLovelace: txs.reduce((n, t) => n + t.feeLovelace, 0n),
      outputLovelace: 0n,
    };
    txs.forEach((tx, i) => {
      block.outputLovelace += this.addTx(tx, block, i, isGenesis);
    });
    this.blocks.push(block);
    this.blocksByHash.set(block.hash, block);
    return block;
  }

  /** Records one transaction; returns the lovelace of its outputs. */
  private addTx(tx: ParsedTx, block: IndexedBlock, indexInBlock: number, isGenesis: boolean) {
    if (this.txs.has(tx.hash)) throw new Error(`transaction ${tx.hash} is already on chain`);
    const redeemerScriptHashes = this.redeemerScripts(tx);
    const spent = tx.inputs.map((ref) => this.spend(ref, tx.hash));
    const touched = new Set(spent.map((o) => o.address));
    let outputLovelace = 0n;
    const outputs = tx.outputs.map((o, index) => {
      const out: IndexedOutput = {
        ...o,
        txHash: tx.hash,
        index,
        blockHeight: block.height,
        blockHash: block.hash,
        txIndex: indexInBlock,
        spentBy: null,
      };
      this.outputs.set(refKey(out), out);
      this.unspentMap(o.address).set(refKey(out), out);
      this.unspentTotal += 1;
      touched.add(o.address);
      outputLovelace += o.amount[0]?.quantity ?? 0n;
      if (o.referenceScript) this.addScript(o.referenceScript);
      return out;
    });
    const entry = {
      txHash: tx.hash,
      blockHeight: block.height,
      txIndex: indexInBlock,
      timeMs: block.timeMs,
    };
    for (const address of touched) this.history(address).push(entry);
    this.assets.applyTx(tx, entry, outputs, spent, isGenesis);
    for (const s of tx.scripts) this.addScript(s);
    for (const d of tx.datums) this.datums.set(d.hash, d.cbor);
    this.trackStake(tx);
    this.txs.set(tx.hash, {
      parsed: tx,
      blockHeight: block.height,
      blockHash: block.hash,
      indexInBlock,
      slot: block.slot,
      timeMs: block.timeMs,
      depositLovelace: tx.certs.reduce((n, c) => n + c.depositLovelace, 0n),
      redeemerScriptHashes,
      isGenesis,
    });
    return outputLovelace;
  }

  /** Marks an output spent and returns it. */
  private spend(ref: OutputRef, byTx: string): IndexedOutput {
    const key = refKey(ref);
    const out = this.outputs.get(key);
    if (!out || out.spentBy !== null) throw new Error(`input ${key} of ${byTx} is not unspent`);
    out.spentBy = byTx;
    this.unspentByAddress.get(out.address)?.delete(key);
    this.unspentTotal -= 1;
    return out;
  }

  private redeemerScripts(tx: ParsedTx): string[] {
    const policies = [...new Set(tx.mint.map((m) => m.unit.slice(0, 56)))].sort();
    return tx.redeemers.map((r) => {
      switch (r.purpose) {
        case "spend": {
          const ref = tx.inputs[r.index];
          const out = ref ? this.outputs.get(refKey(ref)) : undefined;
          return out ? (paymentScriptHash(out.address) ?? "") : "";
        }
        case "mint":
          return policies[r.index] ?? "";
        case "reward":
          return tx.withdrawals[r.index]?.credential.hash ?? "";
        case "cert":
          return tx.certs[r.index]?.credential?.hash ?? "";
        default:
          return "";
      }
    });
  }

  private trackStake(tx: ParsedTx): void {
    for (const c of tx.certs) {
      if (!c.credential) continue;
      const key = `${c.credential.type}:${c.credential.hash}`;
      if (c.kind === "stakeRegistration") this.stake.set(key, c.credential);
      if (c.kind === "stakeDeregistration") this.stake.delete(key);
    }
  }

  private addScript(s: ScriptInfo): void {
    if (!this.scripts.has(s.hash)) this.scripts.set(s.hash, s);
  }

  private unspentMap(address: string): Map<string, IndexedOutput> {
    let m = this.unspentByAddress.get(address);
    if (!m) this.unspentByAddress.set(address, (m = new Map()));
    return m;
  }

  private history(address: string): AddressTxEntry[] {
    let h = this.txsByAddress.get(address);
    if (!h) this.txsByAddress.set(address, (h = []));
    return h;
  }

  // ---- queries ------------------------------------------------------------------------------

  tip(): IndexedBlock {
    const tip = this.blocks[this.blocks.length - 1];
    if (!tip) throw new Error("the index has no genesis block");
    return tip;
  }

  blockAt(height: number): IndexedBlock | undefined {
    return this.blocks[height];
  }

  blockByHash(hash: string): IndexedBlock | undefined {
    return this.blocksByHash.get(hash);
  }

  tx(hash: string): IndexedTx | undefined {
    return this.txs.get(hash);
  }

  output(ref: OutputRef): IndexedOutput | undefined {
    return this.outputs.get(refKey(ref));
  }

  /** Unspent outputs at `address`, oldest first. */
  unspentAt(address: string): IndexedOutput[] {
    return [...(this.unspentByAddress.get(address)?.values() ?? [])];
  }

  /** Transactions that touched `address`, in chain order; undefined if it never appeared. */
  historyOf(address: string): readonly AddressTxEntry[] | undefined {
    return this.txsByAddress.get(address);
  }

  script(hash: string): ScriptInfo | undefined {
    return this.scripts.get(hash);
  }

  datum(hash: string): string | undefined {
    return this.datums.get(hash);
  }

  /** Every unspent output, for rebuilding the emulator. */
  *allUnspent(): Generator<IndexedOutput> {
    for (const m of this.unspentByAddress.values()) yield* m.values();
  }

  unspentCount(): number {
    return this.unspentTotal;
  }

  stakeRegistrations(): StakeCredential[] {
    return [...this.stake.values()];
  }

  allDatums(): { hash: string; cbor: string }[] {
    return [...this.datums].map(([hash, cbor]) => ({ hash, cbor }));
  }
}
