/**
 * The paged reads: all UTxOs of an address, and an address's history since a checkpoint. Both
 * are bounded; reaching the bound throws (UTxOs: a partial set would pass for a balance) or is
 * reported in the result (history: the caller resumes from the returned checkpoint). `readPages`
 * is the bounded loop the whole-set reads share (here and in blockfrost-assets.ts).
 */
import type { BlockfrostCalls } from "./blockfrost-client.ts";
import { toUtxo } from "./blockfrost-map.ts";
import { ChainLimitError, ChainResponseError } from "./errors.ts";
import type { AddressHistoryPage, AddressTx, Checkpoint, Utxo } from "./port.ts";

/** Blockfrost's largest page. A shorter page is the last one, which saves a request per read. */
export const PAGE_SIZE = 100;

/**
 * Reads pages of `PAGE_SIZE`, 1 to `limit.pagesMax`, until a short page or until `enough` says
 * the page just read holds what the caller looks for. A 404 on the first page (an object the
 * chain never saw) is null; after earlier pages it breaks the contract. Full pages up to the
 * bound throw `ChainLimitError`: a partial answer would pass for the whole.
 */
export async function readPages<T>(
  endpoint: string,
  limit: { name: string; pagesMax: number },
  fetchPage: (page: number) => Promise<T[] | null>,
  enough: (page: readonly T[]) => boolean = () => false,
): Promise<T[] | null> {
  const all: T[] = [];
  for (let page = 1; page <= limit.pagesMax; page++) {
    const rows = await fetchPage(page);
    if (rows === null) {
      if (page === 1) return null;
      throw new ChainResponseError(endpoint, `404 on page ${page} after earlier pages`);
    }
    if (rows.length > PAGE_SIZE) {
      throw new ChainResponseError(endpoint, `page of ${rows.length} > ${PAGE_SIZE}`);
    }
    all.push(...rows);
    if (rows.length < PAGE_SIZE || enough(rows)) return all;
  }
  throw new ChainLimitError(endpoint, limit.name, limit.pagesMax);
}

/** Every UTxO of `address` (holding `asset` when given), reading at most `pagesMax` pages. */
export async function readAllUtxos(
  calls: BlockfrostCalls,
  address: string,
  asset: string | undefined,
  pagesMax: number,
): Promise<Utxo[]> {
  const endpoint = asset ? "addresses/{address}/utxos/{asset}" : "addresses/{address}/utxos";
  const rows = await readPages(endpoint, { name: "utxoPagesMax", pagesMax }, (page) => {
    const pagination = { page, count: PAGE_SIZE, order: "asc" as const };
    return calls.lookup(endpoint, (api) =>
      asset
        ? api.addressesUtxosAsset(address, asset, pagination)
        : api.addressesUtxos(address, pagination),
    );
  });
  // Blockfrost answers 404 for an address that never appeared on chain: it holds nothing.
  // A block landing between two pages can shift entries across the page boundary; keying by
  // output reference keeps a repeated entry from being counted twice.
  const byRef = new Map<string, Utxo>();
  for (const row of rows ?? []) {
    const utxo = toUtxo(endpoint, row);
    byRef.set(`${utxo.txHash}#${utxo.outputIndex}`, utxo);
  }
  return [...byRef.values()];
}

function isAfter(tx: AddressTx, since: Checkpoint | null): boolean {
  if (since === null) return true;
  return (
    tx.blockHeight > since.height || (tx.blockHeight === since.height && tx.txIndex > since.index)
  );
}

/** Up to `txsMax` transactions of `address` strictly after `since`, oldest first. */
export async function readHistorySince(
  calls: BlockfrostCalls,
  address: string,
  since: Checkpoint | null,
  txsMax: number,
): Promise<AddressHistoryPage> {
  const endpoint = "addresses/{address}/transactions";
  // `from` is inclusive, so the checkpoint's own transaction comes back first: one more page
  // than txsMax needs covers it.
  const cursor = since === null ? {} : { from: `${since.height}:${since.index}` };
  const pagesMax = Math.ceil(txsMax / PAGE_SIZE) + 1;
  const txs: AddressTx[] = [];
  let previous = since;
  for (let page = 1; page <= pagesMax; page++) {
    // The client maps 404 (an address with no history) to [] itself.
    const rows = await calls.call(endpoint, (api) =>
      api.addressesTransactions(address, { page, count: PAGE_SIZE, order: "asc" }, cursor),
    );
    for (const row of rows) {
      const tx = {
        txHash: row.tx_hash,
        blockHeight: row.block_height,
        txIndex: row.tx_index,
        blockTimeMs: row.block_time * 1000,
      };
      if (!isAfter(tx, since)) continue;
      if (previous !== null && !isAfter(tx, previous)) {
        throw new ChainResponseError(endpoint, `out of order at ${tx.txHash}`);
      }
      if (txs.length === txsMax) return { txs, checkpoint: previous, more: true };
      txs.push(tx);
      previous = { height: tx.blockHeight, index: tx.txIndex };
    }
    if (rows.length < PAGE_SIZE) return { txs, checkpoint: previous, more: false };
  }
  return { txs, checkpoint: previous, more: true };
}
