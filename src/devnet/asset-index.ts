/**
 * Native assets on the confirmed chain, as Blockfrost derives them from db-sync: supply and
 * mint history from the transactions' mint fields, `onchain_metadata` from the latest minting
 * transaction that carries label 721, holders from the unspent outputs, and the transactions
 * with an output holding the asset. Part of the chain index; rebuilt with it on a rollback.
 */
import { refKey } from "./cbor.ts";
import type {
  AddressTxEntry,
  AssetHolder,
  AssetInfo,
  AssetMint,
  IndexedOutput,
} from "./index-types.ts";
import { cip25Entries, type Cip25Entry } from "./metadata.ts";
import type { Amount, ParsedTx } from "./types.ts";

/** Assets by unit and policy, with their mints, metadata, holders and transactions. */
export class AssetIndex {
  private readonly assets = new Map<string, AssetInfo>();
  /** Units per policy, in the order of their first mint (Blockfrost's order). */
  private readonly byPolicy = new Map<string, Set<string>>();
  private readonly cip25 = new Map<string, Cip25Entry>();
  private readonly mints = new Map<string, AssetMint[]>();
  private readonly txsByUnit = new Map<string, AddressTxEntry[]>();
  /** Unspent outputs holding each unit, in chain order (maps keep insertion order). */
  private readonly unspentByUnit = new Map<string, Map<string, IndexedOutput>>();

  /** Records a transaction's mints, burns and outputs; `spent` are the outputs it consumed. */
  applyTx(
    tx: ParsedTx,
    place: AddressTxEntry,
    outputs: readonly IndexedOutput[],
    spent: readonly IndexedOutput[],
    isGenesis: boolean,
  ): void {
    for (const o of spent) {
      for (const unit of assetUnits(o)) this.unspentByUnit.get(unit)?.delete(refKey(o));
    }
    // Genesis assets have no mint; the genesis pseudo-transaction counts as their mint.
    this.applyMints(tx, isGenesis ? sumAssets(tx) : tx.mint);
    const held = new Set<string>();
    for (const o of outputs) {
      for (const unit of assetUnits(o)) {
        held.add(unit);
        getOrAdd(this.unspentByUnit, unit, () => new Map()).set(refKey(o), o);
      }
    }
    for (const unit of held) getOrAdd(this.txsByUnit, unit, () => []).push(place);
  }

  private applyMints(tx: ParsedTx, minted: readonly Amount[]): void {
    for (const m of minted) {
      let asset = this.assets.get(m.unit);
      if (!asset) {
        asset = {
          unit: m.unit,
          policyId: m.unit.slice(0, 56),
          assetNameHex: m.unit.slice(56),
          quantity: 0n,
          initialMintTxHash: tx.hash,
          mintOrBurnCount: 0,
        };
        this.assets.set(m.unit, asset);
        getOrAdd(this.byPolicy, asset.policyId, () => new Set()).add(m.unit);
      }
      asset.quantity += m.quantity;
      asset.mintOrBurnCount += 1;
      getOrAdd(this.mints, m.unit, () => []).push({ txHash: tx.hash, quantity: m.quantity });
    }
    // Blockfrost reads `onchain_metadata` from the latest transaction that both mints the asset
    // and carries label 721, even when that label does not describe the asset (then null).
    // Metadata in a transaction that burns it, or does not mint it, changes nothing.
    if (tx.raw721 === undefined) return;
    const entries = cip25Entries(tx.raw721);
    for (const m of minted) {
      if (m.quantity <= 0n) continue;
      const entry = entries.find((e) => e.unit === m.unit);
      if (entry) this.cip25.set(m.unit, entry);
      else this.cip25.delete(m.unit);
    }
  }

  /** The asset, or undefined when it was never minted. */
  asset(unit: string): AssetInfo | undefined {
    return this.assets.get(unit);
  }

  /** Every asset ever minted under `policy`, burned ones included, in first-mint order. */
  ofPolicy(policy: string): AssetInfo[] {
    return [...(this.byPolicy.get(policy) ?? [])].map((u) => this.assets.get(u)!);
  }

  cip25Of(unit: string): Cip25Entry | undefined {
    return this.cip25.get(unit);
  }

  /** Mints and burns of `unit`, in chain order. */
  mintsOf(unit: string): readonly AssetMint[] {
    return this.mints.get(unit) ?? [];
  }

  /** Transactions with an output holding `unit`, in chain order. */
  txsOf(unit: string): readonly AddressTxEntry[] {
    return this.txsByUnit.get(unit) ?? [];
  }

  /**
   * Addresses whose unspent outputs hold `unit`, with the sum they hold, ordered by their
   * oldest such output (Blockfrost orders by the smallest transaction id).
   */
  holdersOf(unit: string): AssetHolder[] {
    const sums = new Map<string, bigint>();
    for (const o of this.unspentByUnit.get(unit)?.values() ?? []) {
      const quantity = o.amount.find((a) => a.unit === unit)?.quantity ?? 0n;
      sums.set(o.address, (sums.get(o.address) ?? 0n) + quantity);
    }
    return [...sums].map(([address, quantity]) => ({ address, quantity }));
  }
}

function assetUnits(o: IndexedOutput): string[] {
  return o.amount.filter((a) => a.unit !== "lovelace").map((a) => a.unit);
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/** All assets (not lovelace) a transaction's outputs hold, summed per unit. */
function sumAssets(tx: ParsedTx): Amount[] {
  const sums = new Map<string, bigint>();
  for (const o of tx.outputs) {
    for (const a of o.amount) {
      if (a.unit !== "lovelace") sums.set(a.unit, (sums.get(a.unit) ?? 0n) + a.quantity);
    }
  }
  return [...sums].map(([unit, quantity]) => ({ unit, quantity }));
}
