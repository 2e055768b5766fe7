/**
 * The devnet ledger. The emulator holds "confirmed + mempool" state and validates; the index
 * holds the confirmed chain the API serves; the block log and the state file persist both.
 * Every method runs synchronously between awaits, so the emulator, mempool and index never
 * disagree where another request could see it.
 */
import type { Serialization } from "@cardano-sdk/core";
import { timeToSlot } from "../chain/network.ts";
import { emulatorEntryToUnspent } from "./cbor.ts";
import type { ChainIndex } from "./chain-index.ts";
import { emulatorFromIndex, emulatorSubmit, type ScalusEmulator } from "./emulator.ts";
import { DevnetRequestError, MempoolFullError, TxDecodeError, TxRejectedError } from "./errors.ts";
import type { Faucet, FaucetRequest } from "./faucet.ts";
import type { GenesisParams } from "./genesis.ts";
import { blockHash, buildIndex } from "./index-build.ts";
import type { IndexedBlock } from "./index-types.ts";
import { BLOCK_LIMITS, type LedgerParts, type RollbackResult, type Tip } from "./ledger-types.ts";
import { Mempool } from "./mempool.ts";
import { DEVNET_NETWORK, epochOfSlot, PROTOCOL } from "./params.ts";
import { parseTx } from "./tx-parse.ts";
import type { OutputRef, ParsedOutput, ParsedTx } from "./types.ts";
import { utxoOfUnspent, type UTxO } from "./utxo.ts";
import { TxWaiters, type TxConfirmation } from "./waiters.ts";

/** How chain time is moved: with a block at the new time (the default) or without. */
export interface TimeMove {
  block?: boolean;
}

/** The ledger: submit, blocks, time, rollback, faucet, and the index for queries. */
/** Refusals the ledger keeps for `refusals`. */
const REFUSALS_KEPT = 100;

export class DevnetLedger {
  private indexNow: ChainIndex;
  private emulator: ScalusEmulator;
  private readonly mempool: Mempool;
  private readonly waiters = new TxWaiters();
  private faucetNow: Faucet | undefined;
  private lastBlockAtMsNow: number;

  constructor(private readonly parts: LedgerParts) {
    this.indexNow = parts.index;
    this.lastBlockAtMsNow = parts.index.tip().timeMs;
    this.emulator = emulatorFromIndex(parts.index);
    this.mempool = new Mempool(parts.mempoolCapacity);
  }

  /** The confirmed chain (replaced by a rollback, so read it through this getter). */
  get index(): ChainIndex {
    return this.indexNow;
  }

  get genesis(): GenesisParams {
    return this.parts.genesis;
  }

  get timeOffsetMs(): number {
    return this.parts.clock.offsetMs;
  }

  /** Chain time, POSIX ms. */
  nowMs(): number {
    return this.parts.clock.nowMs();
  }

  /** The slot transactions are validated at: the clock's, never below the tip's. */
  currentSlot(): number {
    return Math.max(timeToSlot(this.nowMs(), DEVNET_NETWORK), this.indexNow.tip().slot);
  }

  /**
   * Chain time when the latest block was made or the chain was rolled back (the tip's slot
   * start when the ledger was just opened): what the block producer's idle timer counts from.
   */
  get lastBlockAtMs(): number {
    return this.lastBlockAtMsNow;
  }

  tip(): Tip {
    const t = this.indexNow.tip();
    return { height: t.height, hash: t.hash, slot: t.slot, timeMs: t.timeMs, epoch: t.epoch };
  }

  mempoolSize(): number {
    return this.mempool.size;
  }

  mempoolTxHashes(): string[] {
    return this.mempoolTxs().map((t) => t.hash);
  }

  /** The pending transactions in arrival order, oldest first (Blockfrost's `mempool` order). */
  mempoolTxs(): ParsedTx[] {
    return this.mempool.list().map((e) => e.tx);
  }

  /** A transaction still pending; undefined once it is in a block, dropped, or never sent. */
  mempoolTx(hash: string): ParsedTx | undefined {
    return this.mempool.get(hash)?.tx;
  }

  /**
   * An output a pending transaction refers to, spent or not: made by an earlier pending
   * transaction or on chain. Unlike `resolveOutputCbor`, it keeps what the mempool spends,
   * since a pending transaction's own inputs are exactly those.
   */
  knownOutput(ref: OutputRef): ParsedOutput | undefined {
    return this.mempool.createdOutput(ref) ?? this.indexNow.output(ref);
  }

  /**
   * What clients sent to `tx/submit` since this process started: accepted, refused, and among
   * the refused those the ledger already held (a resend of a pending or confirmed transaction),
   * so that a test can count transactions sent twice.
   */
  readonly submissions = { accepted: 0, refused: 0, alreadyKnown: 0 };

  /**
   * The latest refusals, oldest first (REFUSALS_KEPT at most): which transactions were refused
   * and why, which the counts cannot tell a test (null: the bytes did not decode).
   */
  readonly refusals: { txHash: string | null; reason: string }[] = [];

  /** `submit` on behalf of a client, counted in `submissions`. */
  submitCounted(cborHex: string): string {
    try {
      const hash = this.submit(cborHex);
      this.submissions.accepted++;
      return hash;
    } catch (err) {
      this.submissions.refused++;
      const hash = err instanceof TxRejectedError ? err.txHash : null;
      this.refusals.push({
        txHash: hash,
        reason: err instanceof Error ? err.message : String(err),
      });
      if (this.refusals.length > REFUSALS_KEPT) this.refusals.shift();
      if (hash && (this.mempool.has(hash) || this.indexNow.tx(hash)))
        this.submissions.alreadyKnown++;
      throw err;
    }
  }

  /** Validates a signed transaction and puts it in the mempool; returns its hash. */
  submit(cborHex: string): string {
    if (this.mempool.isFull()) throw new MempoolFullError(this.mempool.capacity);
    let tx: ParsedTx;
    try {
      tx = parseTx(cborHex);
    } catch (error) {
      throw new TxDecodeError(error instanceof Error ? error.message : String(error));
    }
    this.admit(tx);
    return tx.hash;
  }

  private admit(tx: ParsedTx): void {
    if (!tx.isValid) {
      // Such a transaction only forfeits its collateral; the index does not model that.
      const reason = `Transaction "${tx.hash}" is marked is_valid = false; the devnet does not accept those`;
      throw new TxRejectedError(tx.hash, reason);
    }
    // scalus compares execution units memory-first, so it misses a steps-only excess.
    if (tx.totalExSteps > PROTOCOL.maxTxExSteps) {
      const limit = `ExUnits(${PROTOCOL.maxTxExMem},${PROTOCOL.maxTxExSteps})`;
      const actual = `ExUnits(${tx.totalExMem},${tx.totalExSteps})`;
      const reason = `Execution units for transaction "${tx.hash}" exceed the maximum. Actual: ${actual}, maximum: ${limit}`;
      throw new TxRejectedError(tx.hash, reason);
    }
    const result = emulatorSubmit(this.emulator, this.currentSlot(), Buffer.from(tx.cbor, "hex"));
    if (!result.ok) throw new TxRejectedError(tx.hash, result.reason);
    this.mempool.add(tx, this.nowMs());
  }

  /**
   * Puts the mempool's oldest transactions (as many as fit) in a new block at the current slot.
   * Called on demand it makes a block even from an empty mempool; with `allowEmpty: false` (the
   * timer's way) an empty mempool makes nothing and null is returned.
   */
  produceBlock(opts: { allowEmpty?: boolean } = {}): IndexedBlock | null {
    const slot = this.currentSlot();
    this.dropExpired(slot);
    const txs = this.mempool.takeForBlock(BLOCK_LIMITS);
    if (txs.length === 0 && opts.allowEmpty === false) return null;
    const tip = this.indexNow.tip();
    const height = tip.height + 1;
    const hashes = txs.map((t) => t.hash);
    const raw = {
      height,
      slot,
      hash: blockHash(height, slot, tip.hash, hashes),
      prevHash: tip.hash,
      txs: txs.map((t) => t.cbor),
    };
    // Durable first: a block the API has shown must survive a crash.
    this.parts.blockLog.append(raw);
    const block = this.indexNow.applyBlock(raw, txs);
    this.lastBlockAtMsNow = Math.max(this.nowMs(), block.timeMs);
    // Empty blocks come every idle interval: logging each would bury what happens.
    if (txs.length > 0)
      this.parts.log(`devnet: block ${height} at slot ${slot} with ${txs.length} transaction(s)`);
    this.waiters.notify();
    return block;
  }

  /** A real node drops transactions whose validity interval has passed; so does the devnet. */
  private dropExpired(slot: number): void {
    const expired = this.mempool
      .list()
      .some((e) => e.tx.invalidHereafter !== null && e.tx.invalidHereafter <= slot);
    if (!expired) return;
    const dropped = this.rebuildWith([], { reindex: false }).droppedTxHashes;
    this.parts.log(`devnet: dropped ${dropped.length} expired or dependent transaction(s)`);
  }

  /**
   * Moves chain time forward by `ms` and makes a block at the new time (with what the mempool
   * holds, minus what expired meanwhile), as a real chain would have made blocks all along: so
   * the tip, which clients read the time from, moves with the clock. `block: false` moves only
   * the clock (the tip then lags until the next block). Returns the new chain time.
   */
  advanceTime(ms: number, opts: TimeMove = {}): number {
    this.parts.clock.advance(ms);
    // The offset is saved before the block: a block past the saved time would be ahead of the
    // clock after a crash.
    this.persist();
    if (opts.block !== false) this.produceBlock();
    return this.nowMs();
  }

  /** Moves chain time forward to `toTimeMs` (as `advanceTime`); refuses a time in the past. */
  advanceTimeTo(toTimeMs: number, opts: TimeMove = {}): number {
    const now = this.nowMs();
    if (!Number.isInteger(toTimeMs) || toTimeMs < now) {
      throw new DevnetRequestError("toTimeMs", `must be a whole number of ms >= now (${now})`);
    }
    return this.advanceTime(toTimeMs - now, opts);
  }

  /**
   * Removes the last `blocks` blocks. Their transactions vanish unless `requeue` is set, in
   * which case those still valid go back to the mempool; pending ones are re-validated.
   */
  rollback(blocks: number, opts: { requeue?: boolean } = {}): RollbackResult {
    const tip = this.indexNow.tip();
    if (!Number.isInteger(blocks) || blocks < 1 || blocks > tip.height) {
      throw new DevnetRequestError("blocks", `must be 1..${tip.height} (the genesis block stays)`);
    }
    const log = this.parts.blockLog;
    const removed = log.blocks.slice(log.blocks.length - blocks);
    const removedTxs = removed.flatMap((b) => b.txs.map(parseTx));
    log.truncate(log.blocks.length - blocks);
    const result = this.rebuildWith(opts.requeue ? removedTxs : [], { reindex: true });
    // The switch of forks counts as the chain's latest event: the idle timer starts anew.
    this.lastBlockAtMsNow = this.nowMs();
    this.parts.log(`devnet: rolled back ${blocks} block(s) to height ${result.tip.height}`);
    return { ...result, removedTxHashes: removedTxs.map((t) => t.hash) };
  }

  /**
   * Rebuilds the emulator from the index (and the index from the log when `reindex`), then
   * re-admits `first` and the mempool in order; what the new state refuses is dropped.
   */
  private rebuildWith(
    first: ParsedTx[],
    opts: { reindex: boolean },
  ): Omit<RollbackResult, "removedTxHashes"> {
    const pending = [...first, ...this.mempool.drain().map((e) => e.tx)];
    if (opts.reindex) this.indexNow = buildIndex(this.parts.genesis, this.parts.blockLog.blocks);
    this.emulator = emulatorFromIndex(this.indexNow);
    const requeued: string[] = [];
    const dropped: string[] = [];
    for (const tx of pending) {
      try {
        this.admit(tx);
        requeued.push(tx.hash);
      } catch {
        dropped.push(tx.hash);
      }
    }
    return { tip: this.tip(), requeuedTxHashes: requeued, droppedTxHashes: dropped };
  }

  /** Re-admits transactions saved with the state; those no longer valid are dropped silently. */
  requeue(cbors: readonly string[]): void {
    for (const cbor of cbors) {
      try {
        this.submit(cbor);
      } catch {
        // Already confirmed or no longer valid: a restarted node forgets it too.
      }
    }
  }

  attachFaucet(faucet: Faucet): void {
    this.faucetNow = faucet;
  }

  get faucetAddress(): string {
    return this.requireFaucet().address;
  }

  /** Pays `address` from the faucet; returns the transaction hash (pending until a block). */
  faucet(address: string, request: FaucetRequest): Promise<string> {
    return this.requireFaucet().pay(address, request);
  }

  private requireFaucet(): Faucet {
    if (!this.faucetNow) throw new Error("the ledger has no faucet attached");
    return this.faucetNow;
  }

  /** UTxOs of `address` as the emulator sees them (confirmed + mempool), for the faucet. */
  emulatorUnspent(address: string): Serialization.TransactionUnspentOutput[] {
    return this.emulator.getUtxosForAddress(address).map(emulatorEntryToUnspent);
  }

  /** The same in Mesh's plain `UTxO` shape, for tests and benches that build with Mesh. */
  emulatorUtxos(address: string): UTxO[] {
    return this.emulatorUnspent(address).map(utxoOfUnspent);
  }

  /** Resolves an output against confirmed + mempool state, for evaluation; undefined if spent. */
  resolveOutputCbor(ref: OutputRef): string | undefined {
    if (this.mempool.isSpent(ref)) return undefined;
    const pending = this.mempool.createdOutput(ref);
    if (pending) return pending.cbor;
    const confirmed = this.indexNow.output(ref);
    return confirmed && confirmed.spentBy === null ? confirmed.cbor : undefined;
  }

  /** Resolves once `txHash` is in a block; rejects after `timeoutMs` (at most ten minutes). */
  waitForTx(txHash: string, timeoutMs: number): Promise<TxConfirmation> {
    return this.waiters.wait(txHash, timeoutMs, () => {
      const tx = this.indexNow.tx(txHash);
      return tx && { txHash, blockHeight: tx.blockHeight, blockHash: tx.blockHash };
    });
  }

  /** Saves the state file: the time offset and the pending transactions. */
  persist(): void {
    this.parts.persist({
      timeOffsetMs: this.timeOffsetMs,
      mempool: this.mempool.list().map((e) => e.tx.cbor),
    });
  }

  /** The epoch of the current slot. */
  currentEpoch(): number {
    return epochOfSlot(this.currentSlot());
  }

  /** Saves the mempool and closes the log. The ledger must not be used afterwards. */
  close(): void {
    this.persist();
    this.parts.blockLog.close();
  }
}
