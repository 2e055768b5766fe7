/**
 * Transactions the ledger accepted that are not in a block yet, in arrival order. It also knows
 * which outputs they create and spend, so that evaluation can resolve inputs against
 * "confirmed + mempool", as the emulator sees them.
 */
import { refKey } from "./cbor.ts";
import type { OutputRef, ParsedOutput, ParsedTx } from "./types.ts";

export interface MempoolEntry {
  tx: ParsedTx;
  addedAtMs: number;
}

/** Limits of one block; the mempool hands out the longest prefix that fits. */
export interface BlockLimits {
  bodySizeBytes: number;
  exMem: bigint;
  exSteps: bigint;
  txsMax: number;
}

/** The pending transactions, bounded by `capacity`. */
export class Mempool {
  private readonly entries = new Map<string, MempoolEntry>();
  private readonly created = new Map<string, ParsedOutput>();
  private readonly spent = new Set<string>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  has(hash: string): boolean {
    return this.entries.has(hash);
  }

  get(hash: string): MempoolEntry | undefined {
    return this.entries.get(hash);
  }

  isFull(): boolean {
    return this.entries.size >= this.capacity;
  }

  add(tx: ParsedTx, addedAtMs: number): void {
    if (this.isFull()) throw new Error("mempool over capacity");
    this.entries.set(tx.hash, { tx, addedAtMs });
    for (const ref of tx.inputs) this.spent.add(refKey(ref));
    tx.outputs.forEach((o, index) => this.created.set(refKey({ txHash: tx.hash, index }), o));
  }

  list(): MempoolEntry[] {
    return [...this.entries.values()];
  }

  /** Removes and returns the longest prefix that fits in one block (at least one transaction). */
  takeForBlock(limits: BlockLimits): ParsedTx[] {
    const taken: ParsedTx[] = [];
    let size = 0;
    let mem = 0n;
    let steps = 0n;
    for (const { tx } of this.entries.values()) {
      const fits =
        size + tx.sizeBytes <= limits.bodySizeBytes &&
        mem + tx.totalExMem <= limits.exMem &&
        steps + tx.totalExSteps <= limits.exSteps &&
        taken.length < limits.txsMax;
      if (!fits && taken.length > 0) break;
      taken.push(tx);
      size += tx.sizeBytes;
      mem += tx.totalExMem;
      steps += tx.totalExSteps;
    }
    for (const tx of taken) this.remove(tx);
    return taken;
  }

  /** Empties the mempool, returning its transactions in arrival order. */
  drain(): MempoolEntry[] {
    const all = this.list();
    this.entries.clear();
    this.created.clear();
    this.spent.clear();
    return all;
  }

  /** True when a mempool transaction spends `ref`. */
  isSpent(ref: OutputRef): boolean {
    return this.spent.has(refKey(ref));
  }

  /** An output created by a mempool transaction (spent or not). */
  createdOutput(ref: OutputRef): ParsedOutput | undefined {
    return this.created.get(refKey(ref));
  }

  private remove(tx: ParsedTx): void {
    this.entries.delete(tx.hash);
    for (const ref of tx.inputs) this.spent.delete(refKey(ref));
    tx.outputs.forEach((_, index) => this.created.delete(refKey({ txHash: tx.hash, index })));
  }
}
